package io.calbridge.roombooking.booking.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calbridge.roombooking.booking.domain.Booking;
import io.calbridge.roombooking.booking.domain.BookingMode;
import io.calbridge.roombooking.booking.domain.BookingPolicy;
import io.calbridge.roombooking.booking.domain.BookingRequest;
import io.calbridge.roombooking.booking.domain.BookingStateConflict;
import io.calbridge.roombooking.booking.domain.BookingStatus;
import io.calbridge.roombooking.booking.domain.CalendarUnavailable;
import io.calbridge.roombooking.booking.domain.IdempotencyKeyReused;
import io.calbridge.roombooking.booking.domain.InvalidBooking;
import io.calbridge.roombooking.booking.domain.RoomAnswer;
import io.calbridge.roombooking.booking.domain.SlotTaken;
import io.calbridge.roombooking.booking.domain.TimeSlot;
import io.calbridge.roombooking.room.domain.Room;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BookRoomTest {

    private static final String TENANT = "tenant-1";
    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant TEN = Instant.parse("2026-12-01T10:00:00Z");
    private static final Room ROOM = new Room(TENANT, "room-a@contoso.example", "room-a-id", "Room A", 8, "HQ", 1, null,
            List.of(), false, "standard", List.of(), null, true, true);

    private final Fakes.InMemoryBookings bookings = new Fakes.InMemoryBookings();
    private final Fakes.FakeRoomCalendar calendar = new Fakes.FakeRoomCalendar();
    private final Fakes.RecordingEvents events = new Fakes.RecordingEvents();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private BookingMode mode = BookingMode.ROOM_CALENDAR;

    private BookRoom bookRoom() {
        BookingSettings settings = new BookingSettings(mode, Map.of(),
                new BookingPolicy(Duration.ofHours(8), Duration.ofDays(180), Duration.ofMinutes(5)),
                Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30));
        Organizers organizers = (tenant, who) -> who.startsWith("alice")
                ? Optional.of(new Organizers.Organizer("alice-id", "alice@contoso.example", "Alice")) : Optional.empty();
        return new BookRoom(new Fakes.InMemoryRooms().with(ROOM), organizers, bookings, calendar, events,
                new Fakes.DirectTransactions(), settings, clock, BookingMetrics.NONE);
    }

    private CancelBooking cancelBooking(Clock at) {
        return new CancelBooking(bookings, calendar, events, new Fakes.DirectTransactions(), at, BookingMetrics.NONE);
    }

    private static BookingRequest request(String key, Instant start, Instant end) {
        return new BookingRequest(TENANT, key, "room-a-id", "alice@contoso.example", new TimeSlot(start, end), "Planning",
                List.of(), null);
    }

    @Test
    void confirmsTheBookingAndPublishesRoomBookedOnceTheEventIsWritten() {
        BookRoom.Outcome outcome = bookRoom().book(request("k1", NINE, TEN));

        assertThat(outcome.booking().status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(outcome.booking().eventId()).isEqualTo("event-" + outcome.booking().id());
        assertThat(calendar.events).hasSize(1);
        assertThat(events.published).containsExactly("booked:" + outcome.booking().id());
    }

    @Test
    void replaysTheOriginalResultForTheSameKeyAndBody() {
        BookRoom useCase = bookRoom();
        BookRoom.Outcome first = useCase.book(request("k1", NINE, TEN));

        BookRoom.Outcome again = useCase.book(request("k1", NINE, TEN));

        assertThat(again.replayed()).isTrue();
        assertThat(again.booking().id()).isEqualTo(first.booking().id());
        assertThat(calendar.creates).isEqualTo(1);
    }

    @Test
    void refusesTheSameKeyForADifferentBody() {
        BookRoom useCase = bookRoom();
        useCase.book(request("k1", NINE, TEN));

        assertThatThrownBy(() -> useCase.book(request("k1", NINE, TEN.plusSeconds(1800))))
                .isInstanceOf(IdempotencyKeyReused.class);
    }

    @Test
    void rejectsABookingWhenTheSlotOverlapsAnotherBooking() {
        BookRoom useCase = bookRoom();
        BookRoom.Outcome first = useCase.book(request("k1", NINE, TEN));

        assertThatThrownBy(() -> useCase.book(request("k2", NINE.plusSeconds(1800), TEN.plusSeconds(1800))))
                .isInstanceOfSatisfying(SlotTaken.class, e -> {
                    assertThat(e.conflict()).isEqualTo(new TimeSlot(NINE, TEN));
                    assertThat(e.bookingId()).isEqualTo(first.booking().id());
                });
        assertThat(calendar.creates).isEqualTo(1);
    }

    @Test
    void rejectsABookingWhenTheRoomCalendarIsTakenAndLeavesNothingHeld() {
        calendar.blocking.add(new TimeSlot(NINE, TEN));

        assertThatThrownBy(() -> bookRoom().book(request("k1", NINE, TEN))).isInstanceOf(SlotTaken.class);

        assertThat(bookings.byId.values()).extracting(b -> b.status()).containsExactly(BookingStatus.DECLINED);
        assertThat(calendar.creates).isZero();
        assertThat(events.published).isEmpty();
    }

    @Test
    void aFailedWriteLeavesAFailedBookingThatHoldsNothing() {
        calendar.failCreate = new CalendarUnavailable("Graph 503", true, null);
        BookRoom useCase = bookRoom();

        assertThatThrownBy(() -> useCase.book(request("k1", NINE, TEN))).isInstanceOf(CalendarUnavailable.class);
        calendar.failCreate = null;
        BookRoom.Outcome retry = useCase.book(request("k2", NINE, TEN));

        assertThat(bookings.findByIdempotencyKey(TENANT, "k1")).get().extracting(b -> b.status()).isEqualTo(BookingStatus.FAILED);
        assertThat(retry.booking().status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(events.published).containsExactly("booked:" + retry.booking().id());
    }

    @Test
    void rejectsAnOrganizerOutsideTheTenant() {
        BookingRequest request = new BookingRequest(TENANT, "k1", "room-a-id", "mallory@elsewhere.example",
                new TimeSlot(NINE, TEN), null, List.of(), null);

        assertThatThrownBy(() -> bookRoom().book(request))
                .isInstanceOfSatisfying(InvalidBooking.class, e -> assertThat(e.field()).isEqualTo("organizer"));
    }

    @Test
    void rejectsAnUnknownRoom() {
        BookingRequest request = new BookingRequest(TENANT, "k1", "nowhere", "alice@contoso.example",
                new TimeSlot(NINE, TEN), null, List.of(), null);

        assertThatThrownBy(() -> bookRoom().book(request))
                .isInstanceOfSatisfying(InvalidBooking.class, e -> assertThat(e.field()).isEqualTo("roomId"));
    }

    @Test
    void anInviteWaitsForTheRoomThenConfirms() {
        mode = BookingMode.INVITE;
        BookRoom.Outcome requested = bookRoom().book(request("k1", NINE, TEN));
        FollowInvites invites = new FollowInvites(bookings, calendar, events, new Fakes.DirectTransactions(),
                new BookingSettings(mode, Map.of(), null, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(30)), clock,
                BookingMetrics.NONE);

        calendar.answer = RoomAnswer.ACCEPTED;
        invites.pollAnswers();

        assertThat(requested.booking().status()).isEqualTo(BookingStatus.REQUESTED);
        assertThat(requested.booking().eventMailbox()).isEqualTo("alice@contoso.example");
        assertThat(bookings.find(TENANT, requested.booking().id())).get().extracting(b -> b.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(events.published).containsExactly("booked:" + requested.booking().id());
    }

    @Test
    void aDeclinedInviteIsWithdrawnAndPublishedAsDeclined() {
        mode = BookingMode.INVITE;
        BookRoom.Outcome requested = bookRoom().book(request("k1", NINE, TEN));
        FollowInvites invites = new FollowInvites(bookings, calendar, events, new Fakes.DirectTransactions(),
                new BookingSettings(mode, Map.of(), null, Duration.ZERO, Duration.ZERO, Duration.ofMinutes(30)), clock,
                BookingMetrics.NONE);

        calendar.answer = RoomAnswer.DECLINED;
        invites.pollAnswers();

        assertThat(bookings.find(TENANT, requested.booking().id())).get().extracting(b -> b.status()).isEqualTo(BookingStatus.DECLINED);
        assertThat(calendar.events).isEmpty();
        assertThat(events.published).containsExactly("declined:DECLINED_BY_ROOM:" + requested.booking().id());
    }

    @Test
    void aRoomRemovedFromTheCatalogCancelsItsFutureBookingsWithRoomRemoved() {
        Fakes.InMemoryRooms rooms = new Fakes.InMemoryRooms().with(ROOM);
        BookRoom.Outcome future = bookRoom().book(request("k-removed", NINE, TEN));
        CancelRemovedRoomBookings removal = new CancelRemovedRoomBookings(rooms, bookings, calendar, cancelBooking(clock), clock);

        removal.removed(TENANT, List.of(ROOM.email()));

        assertThat(bookings.find(TENANT, future.booking().id()).orElseThrow().status()).isEqualTo(BookingStatus.CANCELLED);
        assertThat(calendar.events).isEmpty();
        assertThat(events.published).containsExactly("booked:" + future.booking().id(),
                "cancelled:ROOM_REMOVED:" + future.booking().id());
    }

    @Test
    void aBookingUnderWayIsNotCancelledWhenItsRoomIsRemoved() {
        BookRoom.Outcome booked = bookRoom().book(request("k-under-way", NINE, TEN));
        Clock later = Clock.fixed(NINE.plusSeconds(600), ZoneOffset.UTC);
        CancelRemovedRoomBookings removal = new CancelRemovedRoomBookings(new Fakes.InMemoryRooms().with(ROOM), bookings,
                calendar, cancelBooking(later), later);

        removal.removed(TENANT, List.of(ROOM.email()));

        assertThat(bookings.find(TENANT, booked.booking().id()).orElseThrow().status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(calendar.events).hasSize(1);
    }

    private RecoverPendingBookings recovery() {
        return new RecoverPendingBookings(bookings, calendar, events, new Fakes.DirectTransactions(), clock,
                BookingMetrics.NONE, Duration.ofMinutes(2));
    }

    /** A booking its request left PENDING (the process died), created {@code age} ago. */
    private Booking leftPending(String key, BookingMode bookingMode, Duration age) {
        Booking pending = new Booking(UUID.randomUUID(), TENANT, ROOM.mailboxId(), ROOM.email(), "alice@contoso.example",
                "Alice", "alice-id", new TimeSlot(NINE, TEN), "Planning", List.of(), bookingMode, BookingStatus.PENDING,
                key, request(key, NINE, TEN).fingerprint(),
                bookingMode == BookingMode.ROOM_CALENDAR ? ROOM.mailboxId() : "alice@contoso.example", null, null, null,
                null, null, NOW.minus(age));
        bookings.hold(pending);
        return pending;
    }

    @Test
    void aPendingBookingWhoseEventReachedTheRoomIsConfirmedOnceAndReplayedAsBooked() {
        Booking pending = leftPending("k-crash", BookingMode.ROOM_CALENDAR, Duration.ofMinutes(5));
        calendar.events.put("event-late", pending);

        RecoverPendingBookings.Recovered first = recovery().recoverStale();
        RecoverPendingBookings.Recovered second = recovery().recoverStale();

        assertThat(first).isEqualTo(new RecoverPendingBookings.Recovered(1, 0));
        assertThat(second).isEqualTo(new RecoverPendingBookings.Recovered(0, 0));
        Booking recovered = bookings.byId.get(pending.id());
        assertThat(recovered.status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(recovered.eventId()).isEqualTo("event-late");
        assertThat(events.published).containsExactly("booked:" + pending.id());
        BookRoom.Outcome replay = bookRoom().book(request("k-crash", NINE, TEN));
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.booking().id()).isEqualTo(pending.id());
        assertThat(calendar.creates).isZero();
    }

    @Test
    void aPendingBookingWithoutAnEventIsReleasedAndItsReplaySaysNothingWasBooked() {
        Booking pending = leftPending("k-crash", BookingMode.ROOM_CALENDAR, Duration.ofMinutes(5));
        assertThatThrownBy(() -> bookRoom().book(request("k-crash", NINE, TEN)))
                .isInstanceOfSatisfying(BookingStateConflict.class, e -> assertThat(e.code()).isEqualTo("request-in-progress"));

        assertThat(recovery().recoverStale()).isEqualTo(new RecoverPendingBookings.Recovered(0, 1));

        assertThat(bookings.byId.get(pending.id()).wasAbandoned()).isTrue();
        assertThat(events.published).isEmpty();
        assertThatThrownBy(() -> bookRoom().book(request("k-crash", NINE, TEN)))
                .isInstanceOfSatisfying(BookingStateConflict.class, e -> assertThat(e.code()).isEqualTo("request-abandoned"));
        assertThat(bookRoom().book(request("k-new", NINE, TEN)).booking().status()).isEqualTo(BookingStatus.CONFIRMED);
    }

    @Test
    void aPendingInviteWhoseEventWasWrittenWaitsForTheRoomWithoutRoomBooked() {
        Booking pending = leftPending("k-invite", BookingMode.INVITE, Duration.ofMinutes(5));
        calendar.events.put("event-invite", pending);

        recovery().recoverStale();

        Booking recovered = bookings.byId.get(pending.id());
        assertThat(recovered.status()).isEqualTo(BookingStatus.REQUESTED);
        assertThat(recovered.eventMailbox()).isEqualTo("alice@contoso.example");
        assertThat(events.published).isEmpty();
    }

    @Test
    void aRecentPendingBookingIsLeftToItsRequest() {
        Booking pending = leftPending("k-live", BookingMode.ROOM_CALENDAR, Duration.ofSeconds(30));

        assertThat(recovery().recoverStale()).isEqualTo(new RecoverPendingBookings.Recovered(0, 0));

        assertThat(bookings.byId.get(pending.id()).status()).isEqualTo(BookingStatus.PENDING);
    }

    @Test
    void aRequestOutlivingTheRecoveryKeepsTheBookingTheRecoveryCompleted() {
        RecoverPendingBookings later = new RecoverPendingBookings(bookings, calendar, events,
                new Fakes.DirectTransactions(), Clock.offset(clock, Duration.ofMinutes(10)), BookingMetrics.NONE,
                Duration.ofMinutes(2));
        calendar.afterWrite = later::recoverStale;

        BookRoom.Outcome outcome = bookRoom().book(request("k-slow", NINE, TEN));

        assertThat(outcome.booking().status()).isEqualTo(BookingStatus.CONFIRMED);
        assertThat(calendar.events).hasSize(1);
        assertThat(events.published).containsExactly("booked:" + outcome.booking().id());
    }

    @Test
    void aRequestOutlivingTheRecoveryThatReleasedItsBookingRemovesItsEvent() {
        calendar.afterWrite = () -> List.copyOf(bookings.byId.values()).forEach(b -> bookings.settlePending(b.abandoned()));

        assertThatThrownBy(() -> bookRoom().book(request("k-slow", NINE, TEN)))
                .isInstanceOfSatisfying(BookingStateConflict.class, e -> assertThat(e.code()).isEqualTo("request-abandoned"));

        assertThat(calendar.events).isEmpty();
        assertThat(events.published).isEmpty();
        assertThat(bookings.byId.values()).allMatch(Booking::wasAbandoned);
    }
}
