package io.calbridge.roombooking.booking.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.calbridge.roombooking.availability.application.AvailabilityIndex;
import io.calbridge.roombooking.availability.application.CheckAvailability;
import io.calbridge.roombooking.availability.domain.BusySlot;
import io.calbridge.roombooking.availability.domain.IndexedEvent;
import io.calbridge.roombooking.availability.domain.RoomAvailability;
import io.calbridge.roombooking.booking.domain.Booking;
import io.calbridge.roombooking.booking.domain.BookingMode;
import io.calbridge.roombooking.booking.domain.BookingStatus;
import io.calbridge.roombooking.booking.domain.TimeSlot;
import io.calbridge.roombooking.room.domain.Room;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Lives next to the booking fakes it reuses; tests the availability feature's use case. */
class CheckAvailabilityTest {

    private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant TEN = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2026-12-01T11:00:00Z");
    private static final Room WARM = room("warm");
    private static final Room COLD = room("cold");

    private final Fakes.InMemoryBookings bookings = new Fakes.InMemoryBookings();
    private final Index index = new Index(bookings);
    private final List<List<String>> scheduleCalls = new ArrayList<>();

    private static Room room(String name) {
        return new Room("t", name + "@contoso.example", name + "-id", name, 8, null, null, null, List.of(), null,
                "standard", List.of(), null, true, true);
    }

    private CheckAvailability check() {
        return new CheckAvailability(index, (tenant, emails, start, end) -> {
            scheduleCalls.add(emails);
            return Map.of("cold@contoso.example", List.of(new BusySlot(TEN, ELEVEN, "tentative", null)));
        });
    }

    @Test
    void servesWarmRoomsFromTheIndexAndColdRoomsFromGetSchedule() {
        index.warm.add("warm-id");
        index.events.add(new IndexedEvent("t", "warm-id", "e1", NINE, TEN, "BUSY", "uid", null, "ck"));
        index.events.add(new IndexedEvent("t", "warm-id", "e2", TEN, ELEVEN, "FREE", "uid2", null, "ck"));

        List<RoomAvailability> result = check().check("t", List.of(WARM, COLD), NINE, ELEVEN);

        assertThat(result.get(0).source()).isEqualTo("index");
        assertThat(result.get(0).busy()).containsExactly(new BusySlot(NINE, TEN, "busy", null));
        assertThat(result.get(1).source()).isEqualTo("getSchedule");
        assertThat(result.get(1).busy()).containsExactly(new BusySlot(TEN, ELEVEN, "tentative", null));
        assertThat(scheduleCalls).containsExactly(List.of("cold@contoso.example"));
    }

    @Test
    void showsOwnBookingsWithTheirIdOnceEvenWhenSyncReportedTheirEvent() {
        index.warm.add("warm-id");
        UUID id = UUID.randomUUID();
        bookings.byId.put(id, new Booking(id, "t", "warm-id", "warm@contoso.example", "alice@contoso.example", null, null,
                new TimeSlot(NINE, TEN), "Secret", List.of(), BookingMode.ROOM_CALENDAR, BookingStatus.CONFIRMED, "k", "h",
                "warm-id", "e1", "uid", null, null, null, NINE));
        index.events.add(new IndexedEvent("t", "warm-id", "e1", NINE, TEN, "BUSY", "uid", id, "ck"));

        List<RoomAvailability> result = check().check("t", List.of(WARM), NINE, ELEVEN);

        assertThat(result.getFirst().busy()).containsExactly(new BusySlot(NINE, TEN, "busy", id));
        assertThat(result.getFirst().freeBetween(TEN, ELEVEN)).isTrue();
        assertThat(result.getFirst().freeBetween(NINE, ELEVEN)).isFalse();
        assertThat(scheduleCalls).isEmpty();
    }

    /** The index as the JDBC one answers: warm rooms, their events in the window, every asked room's live bookings. */
    private static final class Index implements AvailabilityIndex {
        final Set<String> warm = new HashSet<>();
        final List<IndexedEvent> events = new ArrayList<>();
        final Fakes.InMemoryBookings bookings;

        Index(Fakes.InMemoryBookings bookings) {
            this.bookings = bookings;
        }

        @Override public void put(IndexedEvent event) { events.add(event); }
        @Override public void remove(String tenantId, String roomId, String eventId) { events.removeIf(e -> e.eventId().equals(eventId)); }
        @Override public void markWarm(String tenantId, String roomId) { warm.add(roomId); }

        @Override
        public WarmRooms warmWithEvents(String tenantId, List<String> roomIds, Instant start, Instant end) {
            Set<String> warmAsked = new HashSet<>(warm);
            warmAsked.retainAll(roomIds);
            List<IndexedSlot> slots = events.stream()
                    .filter(e -> warmAsked.contains(e.roomId()) && e.start().isBefore(end) && start.isBefore(e.end()))
                    .map(e -> new IndexedSlot(e.roomId(), e.start(), e.end(), e.showAs(), e.bookingId())).toList();
            List<HeldSlot> held = bookings.holding(tenantId, roomIds, new TimeSlot(start, end)).stream()
                    .map(b -> new HeldSlot(b.roomId(), new BusySlot(b.slot().start(), b.slot().end(), "busy", b.id()))).toList();
            return new WarmRooms(warmAsked, slots, held);
        }
    }
}
