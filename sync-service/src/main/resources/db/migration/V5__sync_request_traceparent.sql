-- The W3C traceparent of the first request behind a pending delta run (a webhook notification's handling, an
-- AccountConnected's), so that the run and the CalendarEventChanged it publishes continue that trace. A claim takes
-- the value over; a failed run puts it back.
ALTER TABLE sync_requests ADD COLUMN traceparent TEXT;
