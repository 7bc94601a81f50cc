package io.calbridge.roombooking.config;

import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.roombooking.availability.application.AvailabilityIndex;
import io.calbridge.roombooking.availability.application.CheckAvailability;
import io.calbridge.roombooking.availability.application.IndexRoomCalendar;
import io.calbridge.roombooking.availability.application.RoomSchedules;
import io.calbridge.roombooking.booking.application.BookRoom;
import io.calbridge.roombooking.booking.application.BookingEvents;
import io.calbridge.roombooking.booking.application.BookingMetrics;
import io.calbridge.roombooking.booking.application.BookingSettings;
import io.calbridge.roombooking.booking.application.Bookings;
import io.calbridge.roombooking.booking.application.CancelBooking;
import io.calbridge.roombooking.booking.application.CancelRemovedRoomBookings;
import io.calbridge.roombooking.booking.application.ChangeBooking;
import io.calbridge.roombooking.booking.application.CheckIn;
import io.calbridge.roombooking.booking.application.FollowInvites;
import io.calbridge.roombooking.booking.application.FollowRoomCalendar;
import io.calbridge.roombooking.booking.application.Organizers;
import io.calbridge.roombooking.booking.application.RecoverPendingBookings;
import io.calbridge.roombooking.booking.application.ReleaseNoShows;
import io.calbridge.roombooking.booking.application.RoomCalendar;
import io.calbridge.roombooking.booking.application.Transactions;
import io.calbridge.roombooking.booking.domain.BookingPolicy;
import io.calbridge.roombooking.room.application.PlacesDirectory;
import io.calbridge.roombooking.room.application.RefreshRoomCatalog;
import io.calbridge.roombooking.room.application.Rooms;
import io.calbridge.roombooking.room.application.RoomsRemoved;
import io.calbridge.roombooking.room.application.TrackRoomAccounts;
import io.calbridge.service.security.Caller;
import java.time.Clock;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Explicit wiring of the use cases; adapters are components. */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(RoomBookingSettings.class)
public class RoomBookingConfiguration {

    static {
        // The authenticated caller is resolved from the API key, not sent by clients: keep it out of the OpenAPI document.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CloudEventCodec cloudEventCodec() {
        return new CloudEventCodec("/room-booking-service");
    }

    @Bean
    BookingSettings bookingSettings(RoomBookingSettings s) {
        return new BookingSettings(s.booking().mode(), s.booking().tenantModes(),
                new BookingPolicy(s.booking().maxDuration(), s.booking().window(), s.booking().pastTolerance()),
                s.checkIn().grace(), s.checkIn().opensBefore(), s.invite().timeout());
    }

    @Bean
    RefreshRoomCatalog refreshRoomCatalog(PlacesDirectory places, Rooms rooms, Clock clock, RoomsRemoved removed) {
        return new RefreshRoomCatalog(places, rooms, clock, removed);
    }

    @Bean
    CancelRemovedRoomBookings cancelRemovedRoomBookings(Rooms rooms, Bookings bookings, RoomCalendar calendar,
                                                        CancelBooking cancel, Clock clock) {
        return new CancelRemovedRoomBookings(rooms, bookings, calendar, cancel, clock);
    }

    @Bean
    TrackRoomAccounts trackRoomAccounts(Rooms rooms) {
        return new TrackRoomAccounts(rooms);
    }

    @Bean
    BookRoom bookRoom(Rooms rooms, Organizers organizers, Bookings bookings, RoomCalendar calendar, BookingEvents events,
                      Transactions transactions, BookingSettings settings, Clock clock, BookingMetrics metrics) {
        return new BookRoom(rooms, organizers, bookings, calendar, events, transactions, settings, clock, metrics);
    }

    @Bean
    ChangeBooking changeBooking(Rooms rooms, Bookings bookings, RoomCalendar calendar, BookingEvents events,
                                Transactions transactions, BookingSettings settings, Clock clock, BookingMetrics metrics) {
        return new ChangeBooking(rooms, bookings, calendar, events, transactions, settings, clock, metrics);
    }

    @Bean
    RecoverPendingBookings recoverPendingBookings(Bookings bookings, RoomCalendar calendar, BookingEvents events,
                                                  Transactions transactions, Clock clock, BookingMetrics metrics,
                                                  RoomBookingSettings s) {
        return new RecoverPendingBookings(bookings, calendar, events, transactions, clock, metrics,
                s.recovery().pendingAfter());
    }

    @Bean
    CancelBooking cancelBooking(Bookings bookings, RoomCalendar calendar, BookingEvents events, Transactions transactions,
                                Clock clock, BookingMetrics metrics) {
        return new CancelBooking(bookings, calendar, events, transactions, clock, metrics);
    }

    @Bean
    CheckIn checkIn(Bookings bookings, Transactions transactions, BookingSettings settings, Clock clock) {
        return new CheckIn(bookings, transactions, settings, clock);
    }

    @Bean
    ReleaseNoShows releaseNoShows(Bookings bookings, RoomCalendar calendar, BookingEvents events,
                                  Transactions transactions, BookingSettings settings, Clock clock,
                                  BookingMetrics metrics) {
        return new ReleaseNoShows(bookings, calendar, events, transactions, settings, clock, metrics);
    }

    @Bean
    FollowInvites followInvites(Bookings bookings, RoomCalendar calendar, BookingEvents events,
                                Transactions transactions, BookingSettings settings, Clock clock,
                                BookingMetrics metrics) {
        return new FollowInvites(bookings, calendar, events, transactions, settings, clock, metrics);
    }

    @Bean
    FollowRoomCalendar followRoomCalendar(Bookings bookings, BookingEvents events, FollowInvites invites, Clock clock,
                                          BookingMetrics metrics) {
        return new FollowRoomCalendar(bookings, events, invites, clock, metrics);
    }

    @Bean
    IndexRoomCalendar indexRoomCalendar(AvailabilityIndex index, FollowRoomCalendar bookings) {
        return new IndexRoomCalendar(index, bookings);
    }

    @Bean
    CheckAvailability checkAvailability(AvailabilityIndex index, RoomSchedules schedules) {
        return new CheckAvailability(index, schedules);
    }
}
