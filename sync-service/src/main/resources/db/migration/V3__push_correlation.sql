-- The correlationId of the push that last wrote an event, until sync reports the resulting change with it.
ALTER TABLE pushed_events ADD COLUMN pending_correlation TEXT;
CREATE INDEX pushed_events_by_graph_id ON pushed_events (tenant_id, mailbox_id, graph_event_id);
