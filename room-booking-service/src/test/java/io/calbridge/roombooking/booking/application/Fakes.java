package io.calbridge.roombooking.booking.application;

import io.calbridge.roombooking.booking.domain.Booking;
import io.calbridge.roombooking.booking.domain.BookingStatus;
import io.calbridge.roombooking.booking.domain.CalendarUnavailable;
import io.calbridge.roombooking.booking.domain.RoomAnswer;
import io.calbridge.roombooking.booking.domain.SlotTaken;
import io.calbridge.roombooking.booking.domain.TimeSlot;
import io.calbridge.roombooking.room.application.Rooms;
import io.calbridge.roombooking.room.domain.PlaceEntry;
import io.calbridge.roombooking.room.domain.Room;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** In-memory stand-ins for the booking ports. */
final class Fakes {

    private Fakes() {
    }

    static final class InMemoryBookings implements Bookings {
        final Map<UUID, Booking> byId = new LinkedHashMap<>();
        final List<TimeSlot> busyInCalendar = new ArrayList<>();

        @Override
        public Optional<Booking> find(String tenantId, UUID id) {
            return Optional.ofNullable(byId.get(id)).filter(b -> b.tenantId().equals(tenantId));
        }

        @Override
        public Optional<Booking> findByIdempotencyKey(String tenantId, String key) {
            return byId.values().stream().filter(b -> b.tenantId().equals(tenantId) && b.idempotencyKey().equals(key)).findFirst();
        }

        @Override
        public void hold(Booking booking) {
            if (findByIdempotencyKey(booking.tenantId(), booking.idempotencyKey()).isPresent()) {
                throw new KeyAlreadyUsed(booking.idempotencyKey());
            }
            checkFree(booking);
            byId.put(booking.id(), booking);
        }

        private void checkFree(Booking booking) {
            for (Booking other : byId.values()) {
                if (!other.id().equals(booking.id()) && other.roomId().equals(booking.roomId())
                        && other.status().holdsRoom() && other.slot().overlaps(booking.slot())) {
                    throw new SlotTaken(booking.roomId(), other.slot(), other.id());
                }
            }
            for (TimeSlot busy : busyInCalendar) {
                if (busy.overlaps(booking.slot())) {
                    throw new SlotTaken(booking.roomId(), busy, null);
                }
            }
        }

        @Override
        public void reschedule(Booking booking) {
            checkFree(booking);
            byId.put(booking.id(), booking);
        }

        @Override
        public void update(Booking booking) {
            byId.put(booking.id(), booking);
        }

        @Override
        public boolean transition(Booking next, BookingStatus from, boolean requireNotCheckedIn) {
            Booking current = byId.get(next.id());
            if (current == null || current.status() != from || (requireNotCheckedIn && current.checkedInAt() != null)) {
                return false;
            }
            byId.put(next.id(), next);
            return true;
        }

        @Override
        public List<Booking> notCheckedIn(Instant startedBefore, int limit) {
            return byId.values().stream().filter(b -> b.status() == BookingStatus.CONFIRMED && b.checkedInAt() == null
                    && b.slot().start().isBefore(startedBefore)).limit(limit).toList();
        }

        /** Bookings claimed by {@link #claimStalePending}; a claim here never lapses. */
        final java.util.Set<UUID> claimed = new java.util.HashSet<>();

        @Override
        public List<Booking> claimStalePending(Instant untouchedSince, int limit) {
            List<Booking> due = byId.values().stream().filter(b -> b.status() == BookingStatus.PENDING
                    && b.createdAt().isBefore(untouchedSince) && !claimed.contains(b.id())).limit(limit).toList();
            due.forEach(b -> claimed.add(b.id()));
            return due;
        }

        @Override
        public boolean settlePending(Booking next) {
            Booking current = byId.get(next.id());
            if (current == null || current.status() != BookingStatus.PENDING) {
                return false;
            }
            byId.put(next.id(), next);
            return true;
        }

        @Override
        public List<Booking> awaitingAnswer(int limit) {
            return byId.values().stream().filter(b -> b.status() == BookingStatus.REQUESTED).limit(limit).toList();
        }

        @Override
        public List<Booking> holding(String tenantId, List<String> roomIds, TimeSlot window) {
            return byId.values().stream().filter(b -> b.status().holdsRoom() && roomIds.contains(b.roomId())
                    && b.slot().overlaps(window)).toList();
        }

        @Override
        public Optional<Booking> findByEvent(String tenantId, String eventId, String iCalUId) {
            return byId.values().stream().filter(b -> (eventId != null && eventId.equals(b.eventId()))
                    || (iCalUId != null && iCalUId.equals(b.iCalUId()))).findFirst();
        }
    }

    static final class FakeRoomCalendar implements RoomCalendar {
        final Map<String, Booking> events = new LinkedHashMap<>();
        final List<TimeSlot> blocking = new ArrayList<>();
        CalendarUnavailable failCreate;
        RoomAnswer answer = RoomAnswer.NONE;
        int creates;
        /** Runs once the event is written and before create returns, for what happens meanwhile elsewhere. */
        Runnable afterWrite = () -> { };

        @Override
        public List<TimeSlot> blockingEvents(String tenantId, String roomId, TimeSlot slot, String ownTag) {
            return blocking.stream().filter(b -> b.overlaps(slot)).toList();
        }

        @Override
        public WrittenEvent create(Booking booking) {
            creates++;
            if (failCreate != null) {
                throw failCreate;
            }
            String id = "event-" + booking.id();
            events.put(id, booking);
            afterWrite.run();
            return new WrittenEvent(booking.eventMailbox(), id, "uid-" + booking.id());
        }

        @Override
        public void update(Booking booking) {
            events.put(booking.eventId(), booking);
        }

        @Override
        public void delete(Booking booking) {
            events.remove(booking.eventId());
        }

        @Override
        public void deleteTagged(Booking booking, String mailbox) {
            events.values().removeIf(b -> b.id().equals(booking.id()));
        }

        @Override
        public Optional<WrittenEvent> findTagged(Booking booking) {
            return events.entrySet().stream().filter(e -> e.getValue().id().equals(booking.id())).findFirst()
                    .map(e -> new WrittenEvent(booking.eventMailbox(), e.getKey(), "uid-" + booking.id()));
        }

        @Override
        public RoomAnswer answer(Booking booking) {
            return answer;
        }
    }

    static final class RecordingEvents implements BookingEvents {
        final List<String> published = new ArrayList<>();

        @Override
        public void booked(Booking booking, Instant at) {
            published.add("booked:" + booking.id());
        }

        @Override
        public void cancelled(Booking booking, CancelReason reason, String cancelledBy, String detail, Instant at) {
            published.add("cancelled:" + reason + ":" + booking.id());
        }

        @Override
        public void declined(Booking booking, DeclineReason reason, String detail, Instant at) {
            published.add("declined:" + reason + ":" + booking.id());
        }
    }

    static final class DirectTransactions implements Transactions {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    }

    static final class InMemoryRooms implements Rooms {
        final Map<String, Room> rooms = new LinkedHashMap<>();

        InMemoryRooms with(Room room) {
            rooms.put(room.email(), room);
            return this;
        }

        @Override
        public Optional<Room> find(String tenantId, String idOrEmail) {
            return rooms.values().stream().filter(r -> r.tenantId().equals(tenantId)
                    && (idOrEmail.equals(r.mailboxId()) || idOrEmail.equalsIgnoreCase(r.email()))).findFirst();
        }

        @Override
        public List<Room> all(String tenantId) {
            return List.copyOf(rooms.values());
        }

        @Override
        public List<String> listedInPlaces(String tenantId) {
            return List.of();
        }

        @Override
        public void savePlace(String tenantId, PlaceEntry entry) {
        }

        @Override
        public void markUnlisted(String tenantId, Collection<String> emails) {
        }

        @Override
        public void recordChange(String tenantId, String email, String change, Instant at) {
        }

        @Override
        public void connect(String tenantId, String email, String mailboxId, String displayName, String roomList) {
        }

        @Override
        public void disconnect(String tenantId, String mailboxId, String email) {
        }

        @Override
        public List<String> tenants() {
            return List.of();
        }
    }

}
