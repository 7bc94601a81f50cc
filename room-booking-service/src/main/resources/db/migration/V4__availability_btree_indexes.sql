-- Availability reads (issue 7): the live bookings and indexed events of up to 100 rooms in a window, in one query.
-- The GiST indexes answer this with one probe per room id on btree_gist's text keys (~14 ms with 1,500 live
-- bookings in the bench); a btree on (tenant, room, end) serves room_id = ANY(?) AND ends_at > :from with one
-- descent per room that skips everything already over, and the query filters starts_at < :to. With the start and id
-- in the index the live-bookings part is an index-only scan. The GiST indexes stay for the exclusion constraint and
-- the booking path's conflict check.
CREATE INDEX bookings_live_by_room ON bookings (tenant_id, room_id, ends_at) INCLUDE (starts_at, id)
    WHERE status IN ('PENDING', 'REQUESTED', 'CONFIRMED');
CREATE INDEX room_busy_by_room_end ON room_busy (tenant_id, room_id, ends_at) INCLUDE (starts_at);
