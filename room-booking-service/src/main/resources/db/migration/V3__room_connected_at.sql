-- When provisioning connected a room: after sync's initial delta has had time to run, a room with no events at all
-- counts as indexed (an empty calendar produces no CalendarEventChanged).
ALTER TABLE rooms ADD COLUMN connected_at TIMESTAMPTZ;
