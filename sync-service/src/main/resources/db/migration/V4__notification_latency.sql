-- When the earliest change notification behind a pending delta run reached the webhook, so that the run can report
-- notification-to-event latency (calbridge.sync.notification.latency). A claim takes the value over; a failed run
-- puts it back.
ALTER TABLE sync_requests ADD COLUMN notified_at TIMESTAMPTZ;
