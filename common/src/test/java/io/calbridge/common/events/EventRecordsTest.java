package io.calbridge.common.events;

import static io.calbridge.common.events.EventFixtures.ADA;
import static io.calbridge.common.events.EventFixtures.ADA_MAIL;
import static io.calbridge.common.events.EventFixtures.BOOKING;
import static io.calbridge.common.events.EventFixtures.NINE;
import static io.calbridge.common.events.EventFixtures.OCCURRED;
import static io.calbridge.common.events.EventFixtures.ROOM;
import static io.calbridge.common.events.EventFixtures.ROOM_MAIL;
import static io.calbridge.common.events.EventFixtures.TEN;
import static io.calbridge.common.events.EventFixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calbridge.common.Topics;
import io.calbridge.common.events.account.AccountConnected;
import io.calbridge.common.events.booking.BookingEvent;
import io.calbridge.common.events.booking.RoomBooked;
import io.calbridge.common.events.booking.RoomBookingCancelled;
import io.calbridge.common.events.booking.RoomBookingDeclined;
import io.calbridge.common.events.calendar.Attendee;
import io.calbridge.common.events.calendar.CalendarEventChanged;
import io.calbridge.common.events.calendar.CalendarEventChanged.ChangeType;
import io.calbridge.common.events.calendar.Recurrence;
import io.calbridge.common.events.directory.DirectorySource;
import io.calbridge.common.events.directory.UserOnboarded;
import io.calbridge.common.events.push.CalendarEventPushRequested;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventRecordsTest {

    @Test
    void aTenantWideEnrollmentNamesTheOrganisationAsItsScope() {
        var scope = new io.calbridge.common.events.enrollment.AccessScope(
                io.calbridge.common.events.enrollment.AccessScope.ScopeType.ORGANIZATION, TENANT, "Tenant-wide");

        var json = new String(io.calbridge.common.cloudevents.CloudEventCodec.toJson(new io.calbridge.common.events.enrollment.MailboxEnrolled(
                TENANT, ADA, ADA_MAIL, MailboxKind.USER, scope, OCCURRED, OCCURRED, null)));

        assertThat(json).contains("\"type\":\"ORGANIZATION\"").contains("\"id\":\"" + TENANT + "\"");
    }

    @Test
    void keysUserTopicsByTenantAndUser() {
        var onboarded = EventFixtures.userOnboarded();
        var enrolled = EventFixtures.mailboxEnrolled();

        assertThat(onboarded.subject()).isEqualTo(TENANT + "/" + ADA);
        assertThat(enrolled.subject()).isEqualTo(TENANT + "/" + ADA);
        assertThat(enrolled.topic()).isEqualTo(Topics.ENROLLMENTS);
    }

    @Test
    void keysMailboxTopicsByTenantAndMailbox() {
        var connected = EventFixtures.accountConnected();
        var changed = EventFixtures.calendarEventChanged();
        var push = EventFixtures.calendarEventPushRequested();

        assertThat(connected.subject()).isEqualTo(TENANT + "/" + ROOM);
        assertThat(changed.subject()).isEqualTo(TENANT + "/" + ROOM);
        assertThat(push.subject()).isEqualTo(TENANT + "/" + ADA);
    }

    @Test
    void keysBookingsByTenantAndRoom() {
        List<BookingEvent> bookings = List.of(
                EventFixtures.roomBooked(), EventFixtures.roomBookingCancelled(), EventFixtures.roomBookingDeclined());

        assertThat(bookings).extracting(BookingEvent::subject).containsOnly(TENANT + "/" + ROOM);
        assertThat(bookings).extracting(BookingEvent::topic).containsOnly(Topics.BOOKINGS);
    }

    @Test
    void letsConsumersSwitchExhaustivelyOverATopic() {
        BookingEvent event = EventFixtures.roomBookingCancelled();

        String handled = switch (event) {
            case RoomBooked booked -> "hold " + booked.roomAddress();
            case RoomBookingCancelled cancelled -> "release after " + cancelled.reason();
            case RoomBookingDeclined declined -> "tell " + declined.organizer().address();
        };

        assertThat(handled).isEqualTo("release after NO_SHOW");
    }

    @Test
    void rejectsAMissingTenantWithTheFieldName() {
        assertThatNullPointerException()
                .isThrownBy(() -> new UserOnboarded(null, ADA, "ada@contoso.com", null, null, null,
                        DirectorySource.SCIM, OCCURRED, null))
                .withMessage("tenantId is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "tenant/with/slash"})
    void rejectsATenantIdThatCannotBeHalfAKey(String tenantId) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UserOnboarded(tenantId, ADA, "ada@contoso.com", null, null, null,
                        DirectorySource.SCIM, OCCURRED, null))
                .withMessageContaining("tenantId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada", "@contoso.com", "ada@", "ada@@contoso.com", " ada@contoso.com"})
    void rejectsAMailThatIsNotAnSmtpAddress(String mail) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UserOnboarded(TENANT, ADA, "ada@contoso.com", mail, null, null,
                        DirectorySource.SCIM, OCCURRED, null))
                .withMessageContaining("mail must be an SMTP address");
    }

    @Test
    void rejectsABookingThatEndsBeforeItStarts() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RoomBookingDeclined(TENANT, BOOKING, ROOM, ROOM_MAIL,
                        new Participant(ADA_MAIL, null), TEN, NINE, RoomBookingDeclined.Reason.SLOT_TAKEN, null,
                        OCCURRED, null))
                .withMessage("end (2026-12-01T09:00:00Z) must be after start (2026-12-01T10:00:00Z)");
    }

    @Test
    void rejectsARoomListOnAPersonsAccount() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AccountConnected(TENANT, ADA, ADA_MAIL, MailboxKind.USER, null,
                        "rooms.london@contoso.com", OCCURRED, null))
                .withMessageContaining("roomListAddress applies only to kind ROOM");
    }

    @Test
    void carriesNoSnapshotForADeletedCalendarEvent() {
        var deleted = new CalendarEventChanged(TENANT, ROOM, ROOM_MAIL, MailboxKind.ROOM, ChangeType.DELETED,
                "AAMkAGI2TGuLAAB=", null, OCCURRED, null);

        assertThat(deleted.snapshot()).isNull();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CalendarEventChanged(TENANT, ROOM, ROOM_MAIL, MailboxKind.ROOM,
                        ChangeType.DELETED, "AAMkAGI2TGuLAAB=", EventFixtures.calendarEventChanged().snapshot(),
                        OCCURRED, null))
                .withMessage("snapshot must be absent when change is DELETED");
    }

    @Test
    void requiresASnapshotForAnUpdatedCalendarEvent() {
        assertThatNullPointerException()
                .isThrownBy(() -> new CalendarEventChanged(TENANT, ROOM, ROOM_MAIL, MailboxKind.ROOM,
                        ChangeType.UPDATED, "AAMkAGI2TGuLAAB=", null, OCCURRED, null))
                .withMessage("snapshot is required");
    }

    @Test
    void requiresSeriesDetailsOnlyForOccurrencesAndExceptions() {
        assertThatNullPointerException()
                .isThrownBy(() -> new Recurrence(Recurrence.Type.OCCURRENCE, "AAMkAGI2TGuLAAA=", null))
                .withMessage("recurrence.originalStart is required");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Recurrence(Recurrence.Type.SERIES_MASTER, "AAMkAGI2TGuLAAA=", null))
                .withMessageContaining("apply only to OCCURRENCE and EXCEPTION");
    }

    @Test
    void copiesAttendeesSoTheEventCannotChangeLater() {
        var template = EventFixtures.calendarEventChanged().snapshot();
        List<Attendee> attendees = new ArrayList<>(template.attendees());
        var snapshot = new CalendarEventChanged.Snapshot(template.subject(), template.start(), template.end(),
                template.isAllDay(), template.showAs(), template.isCancelled(), template.ownResponse(),
                template.organizer(), attendees, template.location(), template.recurrence(), template.iCalUId(),
                template.changeKey(), template.lastModified(), template.calbridgeTag());

        attendees.clear();

        assertThat(snapshot.attendees()).hasSize(2);
        assertThatThrownBy(() -> snapshot.attendees().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void requiresContentToUpsertAndForbidsItToDelete() {
        var content = EventFixtures.calendarEventPushRequested().content();

        assertThatNullPointerException()
                .isThrownBy(() -> new CalendarEventPushRequested(TENANT, ADA, null, "crm:1",
                        CalendarEventPushRequested.Operation.UPSERT, null, OCCURRED, null))
                .withMessage("content is required");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CalendarEventPushRequested(TENANT, ADA, null, "crm:1",
                        CalendarEventPushRequested.Operation.DELETE, content, OCCURRED, null))
                .withMessage("content must be absent when operation is DELETE");
    }

    @Test
    void rejectsAPushedTimeZoneThatIsNotIana() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CalendarEventPushRequested.Content(null, null, NINE, TEN, false,
                        "Pacific Standard Time", io.calbridge.common.events.calendar.ShowAs.BUSY, null, List.of()))
                .withMessageContaining("content.timeZone must be an IANA time zone id");
    }
}
