package io.calbridge.common.events;

import io.calbridge.common.events.account.AccountConnected;
import io.calbridge.common.events.account.AccountDisconnected;
import io.calbridge.common.events.booking.BookingMode;
import io.calbridge.common.events.booking.RoomBooked;
import io.calbridge.common.events.booking.RoomBookingCancelled;
import io.calbridge.common.events.booking.RoomBookingDeclined;
import io.calbridge.common.events.calendar.Attendee;
import io.calbridge.common.events.calendar.AttendeeType;
import io.calbridge.common.events.calendar.CalendarEventChanged;
import io.calbridge.common.events.calendar.Location;
import io.calbridge.common.events.calendar.Recurrence;
import io.calbridge.common.events.calendar.ResponseStatus;
import io.calbridge.common.events.calendar.ShowAs;
import io.calbridge.common.events.directory.DirectorySource;
import io.calbridge.common.events.directory.UserOffboarded;
import io.calbridge.common.events.directory.UserOnboarded;
import io.calbridge.common.events.enrollment.AccessScope;
import io.calbridge.common.events.enrollment.MailboxEnrolled;
import io.calbridge.common.events.enrollment.MailboxEnrollmentFailed;
import io.calbridge.common.events.enrollment.MailboxUnenrolled;
import io.calbridge.common.events.push.CalendarEventPushRequested;
import io.calbridge.common.events.tenant.SealedCredential;
import io.calbridge.common.events.tenant.TenantConfigured;
import io.calbridge.common.events.tenant.TenantRemoved;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One fully populated instance per event type: the records the golden files in {@code events/} describe.
 * Shipped in common's test-jar so consumers' integration tests can publish and assert the same events.
 */
public final class EventFixtures {

    public static final String TENANT = "6f1c4a2e-3b7d-4e8a-9c55-0d2b8f7a1e90";
    public static final String ADA = "0b7e5c3d-8f21-4a69-b0d4-2e6c9a1f5b37";
    public static final String ADA_MAIL = "ada.lovelace@contoso.com";
    public static final String ROOM = "c4d2a8f1-6e3b-47c9-9a15-7b0e3d5f2c68";
    public static final String ROOM_MAIL = "room.babbage@contoso.com";
    public static final UUID BOOKING = UUID.fromString("3e9a1c7b-5d24-4f86-8b0e-1a6c2f9d4e53");
    public static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");
    public static final Instant TEN = Instant.parse("2026-12-01T10:00:00Z");
    public static final Instant OCCURRED = Instant.parse("2026-11-25T08:30:15.250Z");

    private EventFixtures() {
    }

    public static UserOnboarded userOnboarded() {
        return new UserOnboarded(TENANT, ADA, "ada@contoso.com", ADA_MAIL, "Ada Lovelace", "Analytical Engines",
                DirectorySource.HR_SYSTEM, OCCURRED, "hr-change-48213");
    }

    public static UserOffboarded userOffboarded() {
        return new UserOffboarded(TENANT, ADA, "ada@contoso.com", ADA_MAIL, DirectorySource.SCIM,
                Instant.parse("2026-12-31T17:00:00Z"), OCCURRED, "scim-req-7731");
    }

    public static MailboxEnrolled mailboxEnrolled() {
        return new MailboxEnrolled(TENANT, ADA, ADA_MAIL, MailboxKind.USER,
                new AccessScope(AccessScope.ScopeType.ADMINISTRATIVE_UNIT, "9d3f6b1a-2c48-4e7d-a5b9-6f0e1c8d2a74", "Calbridge people"),
                Instant.parse("2026-11-25T08:31:02Z"), OCCURRED, "5a0f7c2e-91b3-4d6e-8f14-c7e2a9b05d31");
    }

    public static MailboxEnrollmentFailed mailboxEnrollmentFailed() {
        return new MailboxEnrollmentFailed(TENANT, ADA, ADA_MAIL, MailboxKind.USER,
                MailboxEnrollmentFailed.Reason.MAIL_ENABLED_GROUP_REQUIRES_POWERSHELL,
                "Graph cannot add members to mail-enabled security group 'Calbridge people'",
                "Add-DistributionGroupMember -Identity 'calbridge-people@contoso.com' -Member 'ada.lovelace@contoso.com'",
                OCCURRED, "5a0f7c2e-91b3-4d6e-8f14-c7e2a9b05d31");
    }

    public static MailboxUnenrolled mailboxUnenrolled() {
        return new MailboxUnenrolled(TENANT, ADA, ADA_MAIL, MailboxKind.USER,
                MailboxUnenrolled.Reason.USER_OFFBOARDED, OCCURRED, "e1b8d4a7-06c2-4f93-b57d-2a9e6c3f0b18");
    }

    public static AccountConnected accountConnected() {
        return new AccountConnected(TENANT, ROOM, ROOM_MAIL, MailboxKind.ROOM, "Babbage (8 seats)",
                "rooms.london@contoso.com", OCCURRED, "5a0f7c2e-91b3-4d6e-8f14-c7e2a9b05d31");
    }

    public static AccountDisconnected accountDisconnected() {
        return new AccountDisconnected(TENANT, ADA, ADA_MAIL, MailboxKind.USER,
                AccountDisconnected.Reason.USER_OFFBOARDED, OCCURRED, "e1b8d4a7-06c2-4f93-b57d-2a9e6c3f0b18");
    }

    public static CalendarEventChanged calendarEventChanged() {
        var snapshot = new CalendarEventChanged.Snapshot(
                "Engine design review",
                NINE,
                TEN,
                false,
                ShowAs.BUSY,
                false,
                ResponseStatus.ACCEPTED,
                new Participant(ADA_MAIL, "Ada Lovelace"),
                List.of(
                        new Attendee(new Participant("charles.babbage@contoso.com", "Charles Babbage"),
                                AttendeeType.REQUIRED, ResponseStatus.TENTATIVELY_ACCEPTED),
                        new Attendee(new Participant(ROOM_MAIL, "Babbage (8 seats)"),
                                AttendeeType.RESOURCE, ResponseStatus.ACCEPTED)),
                new Location("Babbage (8 seats)", ROOM_MAIL),
                new Recurrence(Recurrence.Type.EXCEPTION, "AAMkAGI2TGuLAAA=", Instant.parse("2026-12-01T08:30:00Z")),
                "040000008200E00074C5B7101A82E0080000000010B0C6E0F0B9DB01000000000000000010000000A1B2C3D4",
                "DwAAABYAAABjlD0/Z6YmT7vyTNJPH1XbAAC3IxZv",
                Instant.parse("2026-11-25T08:29:58Z"),
                BOOKING.toString());
        return new CalendarEventChanged(TENANT, ROOM, ROOM_MAIL, MailboxKind.ROOM,
                CalendarEventChanged.ChangeType.UPDATED, "AAMkAGI2TGuLAAB=", snapshot, OCCURRED, "booking-req-1142");
    }

    public static CalendarEventPushRequested calendarEventPushRequested() {
        var content = new CalendarEventPushRequested.Content(
                "Customer call: Acme",
                "Agenda: renewal terms.",
                Instant.parse("2026-12-02T14:00:00Z"),
                Instant.parse("2026-12-02T14:30:00Z"),
                false,
                "Europe/London",
                ShowAs.BUSY,
                new Location("Teams", null),
                List.of(new CalendarEventPushRequested.Invitee(
                        new Participant("grace.hopper@fabrikam.com", "Grace Hopper"), AttendeeType.OPTIONAL)));
        return new CalendarEventPushRequested(TENANT, ADA, ADA_MAIL, "crm:activity:99812",
                CalendarEventPushRequested.Operation.UPSERT, content, OCCURRED, "crm-sync-20261125-0001");
    }

    /**
     * {@link #calendarEventPushRequested()} with Outlook categories, the optional field added after v1 was first
     * published; its JSON is {@code events-variants/CalendarEventPushRequested.v1.categories.json}.
     */
    public static CalendarEventPushRequested calendarEventPushRequestedWithCategories() {
        CalendarEventPushRequested plain = calendarEventPushRequested();
        CalendarEventPushRequested.Content c = plain.content();
        var content = new CalendarEventPushRequested.Content(c.subject(), c.body(), c.start(), c.end(), c.isAllDay(),
                c.timeZone(), c.showAs(), c.location(), c.attendees(), List.of("Customer", "Red category"));
        return new CalendarEventPushRequested(plain.tenantId(), plain.mailboxId(), plain.mailboxAddress(),
                plain.externalId(), plain.operation(), content, plain.occurredAt(), plain.correlationId());
    }

    public static RoomBooked roomBooked() {
        return new RoomBooked(TENANT, BOOKING, ROOM, ROOM_MAIL, new Participant(ADA_MAIL, "Ada Lovelace"), ADA,
                NINE, TEN, "Engine design review", BookingMode.ROOM_IMPERSONATION, "AAMkAGI2TGuLAAB=",
                "040000008200E00074C5B7101A82E0080000000010B0C6E0F0B9DB01000000000000000010000000A1B2C3D4",
                OCCURRED, "booking-req-1142");
    }

    public static RoomBookingCancelled roomBookingCancelled() {
        return new RoomBookingCancelled(TENANT, BOOKING, ROOM, ROOM_MAIL, NINE, TEN,
                RoomBookingCancelled.Reason.NO_SHOW, null, "No check-in within 15 minutes of the start",
                Instant.parse("2026-12-01T09:15:00Z"), "booking-req-1142");
    }

    public static RoomBookingDeclined roomBookingDeclined() {
        return new RoomBookingDeclined(TENANT, BOOKING, ROOM, ROOM_MAIL, new Participant(ADA_MAIL, "Ada Lovelace"),
                NINE, TEN, RoomBookingDeclined.Reason.SLOT_TAKEN, null, OCCURRED, "booking-req-1143");
    }

    /**
     * The golden JSON of a {@code ce_type}: {@code io.calbridge.booking.RoomBooked.v1} is the classpath
     * resource {@code /events/RoomBooked.v1.json}.
     *
     * @throws IllegalArgumentException when there is no golden file for the type
     */
    public static byte[] goldenJson(String ceType) {
        String[] parts = ceType.split("\\.");
        String resource = "/events/" + parts[parts.length - 2] + "." + parts[parts.length - 1] + ".json";
        try (InputStream in = EventFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + resource + " for " + ceType);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TenantConfigured tenantConfigured() {
        return new TenantConfigured(TENANT, "Contoso", "9a3e1f07-4c2b-4d58-a6e1-3f8b2c7d0e14",
                "https://login.microsoftonline.com", "https://graph.microsoft.com/v1.0", null,
                List.of(new SealedCredential("cred-2026-11", SealedCredential.Kind.CERTIFICATE,
                                "AXJhbmRvbW5vbmNlAAAAc2VhbGVkLWNpcGhlcnRleHQtYW5kLXRhZw==",
                                "1F3A5C7E9B2D4F6A8C0E1B3D5F7A9C2E4B6D8F0A", Instant.parse("2027-11-25T00:00:00Z")),
                        new SealedCredential("cred-2025-12", SealedCredential.Kind.CLIENT_SECRET,
                                "AW9sZG5vbmNlAAAAAG9sZC1zZWNyZXQtY2lwaGVydGV4dA==", null, Instant.parse("2026-12-15T00:00:00Z"))),
                7, OCCURRED, "admin-req-1187");
    }

    public static TenantRemoved tenantRemoved() {
        return new TenantRemoved(TENANT, 8, OCCURRED, null);
    }

    /** Every fixture by its {@code ce_type}. */
    public static Map<String, CalbridgeEvent> byCeType() {
        return Map.ofEntries(
                Map.entry("io.calbridge.directory.UserOnboarded.v1", userOnboarded()),
                Map.entry("io.calbridge.directory.UserOffboarded.v1", userOffboarded()),
                Map.entry("io.calbridge.enrollment.MailboxEnrolled.v1", mailboxEnrolled()),
                Map.entry("io.calbridge.enrollment.MailboxEnrollmentFailed.v1", mailboxEnrollmentFailed()),
                Map.entry("io.calbridge.enrollment.MailboxUnenrolled.v1", mailboxUnenrolled()),
                Map.entry("io.calbridge.account.AccountConnected.v1", accountConnected()),
                Map.entry("io.calbridge.account.AccountDisconnected.v1", accountDisconnected()),
                Map.entry("io.calbridge.calendar.CalendarEventChanged.v1", calendarEventChanged()),
                Map.entry("io.calbridge.push.CalendarEventPushRequested.v1", calendarEventPushRequested()),
                Map.entry("io.calbridge.booking.RoomBooked.v1", roomBooked()),
                Map.entry("io.calbridge.booking.RoomBookingCancelled.v1", roomBookingCancelled()),
                Map.entry("io.calbridge.booking.RoomBookingDeclined.v1", roomBookingDeclined()),
                Map.entry("io.calbridge.tenant.TenantConfigured.v1", tenantConfigured()),
                Map.entry("io.calbridge.tenant.TenantRemoved.v1", tenantRemoved()));
    }
}
