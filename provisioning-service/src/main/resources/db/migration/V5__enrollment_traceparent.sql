-- The W3C traceparent of the work that asked for the current operation (a UserOnboarded/UserOffboarded handling),
-- so the worker's later steps and the events they publish (MailboxEnrolled, AccountConnected, ...) continue its trace.
ALTER TABLE enrollments ADD COLUMN traceparent TEXT;
