-- When the current add was asked for (the UserOnboarded event's time; a room's discovery), for calbridge.enrollment.lag.
ALTER TABLE enrollments ADD COLUMN requested_at timestamptz;
