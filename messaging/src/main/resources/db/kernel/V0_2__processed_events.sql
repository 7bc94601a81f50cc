-- Idempotent consumption: one row per (consumer group, ce_id) handled, written in the handler's transaction.
CREATE TABLE processed_events (
    consumer_group TEXT        NOT NULL,
    ce_id          TEXT        NOT NULL,
    processed_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (consumer_group, ce_id)
);

CREATE INDEX processed_events_processed_at ON processed_events (processed_at);
