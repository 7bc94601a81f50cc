package io.calbridge.localstack;

import io.calbridge.common.CalbridgeTag;
import io.calbridge.common.events.account.AccountConnected;
import io.calbridge.common.events.booking.RoomBooked;
import io.calbridge.common.events.calendar.CalendarEventChanged;
import io.calbridge.common.events.account.AccountDisconnected;
import io.calbridge.common.events.directory.DirectorySource;
import io.calbridge.common.events.directory.UserOffboarded;
import io.calbridge.common.events.directory.UserOnboarded;
import io.calbridge.common.events.enrollment.MailboxEnrolled;
import io.calbridge.common.events.MailboxKind;
import io.calbridge.emulator.GraphEmulator;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The story the local stack tells once everything is up: a tenant is registered, HR onboards new hires who get
 * enrolled and connected, their calendars sync, a room is booked and a clashing booking refused, and a person
 * leaves. Each step prints what happened; the summary lists each step's outcome.
 */
final class DemoScenario {

    private static final Logger log = LoggerFactory.getLogger(DemoScenario.class);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(90);

    /** One step's outcome, for the summary. */
    record Outcome(String step, boolean passed, String detail) {}

    private final GraphEmulator emulator;
    private final EventWatch events;
    private final Api provisioning;
    private final Api roomBooking;
    private final Api control;
    private String bookingId;
    private final List<Outcome> outcomes = new ArrayList<>();

    DemoScenario(GraphEmulator emulator, EventWatch events, Map<String, String> serviceUrls, LocalSecrets secrets) {
        this.emulator = emulator;
        this.events = events;
        this.provisioning = new Api(serviceUrls.get("provisioning-service"), secrets.operatorKey());
        this.roomBooking = new Api(serviceUrls.get("room-booking-service"), secrets.tenantKey());
        this.control = new Api(emulator.controlUrl(), null);
    }

    List<Outcome> run() {
        step("Register the demo tenant and its service account", this::registerTenant);
        step("Onboard " + DemoTenant.NEW_HIRES.size() + " new hires: enrolled, verified, connected", this::onboardNewHires);
        step("Enroll the rooms of both room lists", this::enrollRooms);
        step("Sync picks up an edit made \"in Outlook\"", this::syncSeesOutlookEdit);
        step("Book a room through the REST API", this::bookRoom);
        step("Refuse a conflicting booking", this::refuseConflict);
        step("Offboard a person", this::offboard);
        return outcomes;
    }

    private interface Step {
        String run() throws Exception;
    }

    private void step(String name, Step step) {
        log.info("▶ {}", name);
        try {
            String detail = step.run();
            log.info("  ✔ {}", detail);
            outcomes.add(new Outcome(name, true, detail));
        } catch (Exception e) {
            log.warn("  ✘ {}", e.getMessage());
            outcomes.add(new Outcome(name, false, e.getMessage()));
        }
    }

    private String registerTenant() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenantId", DemoTenant.TENANT_ID);
        body.put("displayName", "Contoso (demo)");
        body.put("clientId", DemoTenant.CLIENT_ID);
        body.put("authorityHost", emulator.authorityHost());
        body.put("graphBaseUrl", emulator.graphBaseUrl());
        body.put("authorityTrustPem", Files.readString(emulator.certificatePem()));
        body.put("credential", Map.of("kind", "CLIENT_SECRET", "secret", DemoTenant.CLIENT_SECRET,
                "expiresAt", Instant.now().plus(Duration.ofDays(365)).toString()));
        body.put("policy", Map.of(
                "strategy", "ADMINISTRATIVE_UNIT",
                "scopeObjectId", DemoTenant.PEOPLE_UNIT,
                "scopeDisplayName", "Calbridge people",
                "people", Map.of("mode", "EVERYONE"),
                "rooms", Map.of("roomListAddresses", DemoTenant.ROOM_LISTS, "scopeObjectId", DemoTenant.ROOMS_UNIT)));
        Api.Reply reply = provisioning.post("/api/tenants", body);
        if (!reply.ok()) {
            throw new IllegalStateException("registration refused: " + reply.problem());
        }
        return "tenant " + DemoTenant.TENANT_ID + " registered (client secret sealed at rest, TenantConfigured published)";
    }

    private String onboardNewHires() throws Exception {
        for (String alias : DemoTenant.NEW_HIRES) {
            events.publish(new UserOnboarded(DemoTenant.TENANT_ID, DemoTenant.userId(alias), DemoTenant.mail(alias),
                    DemoTenant.mail(alias), null, "Engineering", DirectorySource.HR_SYSTEM, Instant.now(), "hr-demo-" + alias));
            log.info("  → UserOnboarded {}", DemoTenant.mail(alias));
        }
        for (String alias : DemoTenant.NEW_HIRES) {
            String userId = DemoTenant.userId(alias);
            events.await(MailboxEnrolled.class, e -> e.userId().equals(userId), STEP_TIMEOUT, "MailboxEnrolled for " + alias);
            events.await(AccountConnected.class, e -> e.mailboxId().equals(userId), STEP_TIMEOUT, "AccountConnected for " + alias);
            log.info("  ← MailboxEnrolled + AccountConnected {}", DemoTenant.mail(alias));
        }
        return DemoTenant.NEW_HIRES.size() + " people added to the administrative unit, calendar access verified, connected";
    }

    private String enrollRooms() throws Exception {
        Api.Reply reply = provisioning.post("/api/tenants/" + DemoTenant.TENANT_ID + "/rooms/enroll", Map.of());
        if (!reply.ok()) {
            throw new IllegalStateException("room enrollment refused: " + reply.problem());
        }
        for (int n = 1; n <= 12; n++) {
            String address = DemoTenant.roomMail(n);
            events.await(AccountConnected.class, e -> e.kind() == MailboxKind.ROOM && e.mailboxAddress().equalsIgnoreCase(address),
                    STEP_TIMEOUT, "AccountConnected for " + address);
        }
        return "12 rooms in 2 buildings enrolled into the room scope and connected";
    }

    private String syncSeesOutlookEdit() throws Exception {
        String alias = DemoTenant.NEW_HIRES.getFirst();
        String userId = DemoTenant.userId(alias);
        CalendarEventChanged welcome = events.await(CalendarEventChanged.class,
                e -> e.mailboxId().equals(userId) && e.snapshot() != null && "Welcome session".equals(e.snapshot().subject()),
                STEP_TIMEOUT, "the initial sync of " + alias + "'s calendar");
        log.info("  ← CalendarEventChanged {} \"{}\" (initial sync)", welcome.change(), welcome.snapshot().subject());
        Api.Reply edit = control.patch("/outlook/users/" + DemoTenant.mail(alias) + "/events/" + welcome.eventId(),
                Map.of("subject", "Welcome session (moved to the big room)"));
        if (!edit.ok()) {
            throw new IllegalStateException("the emulator refused the Outlook edit: " + edit.problem());
        }
        log.info("  → {} renames the event in Outlook", DemoTenant.mail(alias));
        CalendarEventChanged updated = events.await(CalendarEventChanged.class,
                e -> e.eventId().equals(welcome.eventId()) && e.change() == CalendarEventChanged.ChangeType.UPDATED
                        && e.snapshot() != null && e.snapshot().subject().contains("moved"),
                STEP_TIMEOUT, "CalendarEventChanged UPDATED after the Outlook edit");
        return "CalendarEventChanged " + updated.change() + " \"" + updated.snapshot().subject() + "\" published for " + alias;
    }

    private String bookRoom() throws Exception {
        roomBooking.post("/api/tenants/" + DemoTenant.TENANT_ID + "/rooms/refresh", Map.of());
        Instant start = tomorrowAt(14);
        Map<String, Object> body = Map.of("roomEmail", DemoTenant.roomMail(3), "organizer", DemoTenant.mail(DemoTenant.NEW_HIRES.getFirst()),
                "start", start.toString(), "end", start.plus(Duration.ofHours(1)).toString(),
                "subject", "Onboarding workshop", "attendees", List.of(DemoTenant.mail(DemoTenant.NEW_HIRES.get(1))));
        Api.Reply reply = retryWhileRoomNotBookable(() -> roomBooking.post("/api/tenants/" + DemoTenant.TENANT_ID + "/bookings", body,
                Map.of("Idempotency-Key", "demo-booking-1")));
        if (reply.status() != 201 && reply.status() != 200) {
            throw new IllegalStateException("booking refused: " + reply.problem());
        }
        bookingId = reply.body().path("id").asString(reply.body().path("bookingId").asString(""));
        log.info("  ← 201 booking {}", bookingId);
        RoomBooked booked = events.await(RoomBooked.class, e -> e.bookingId().toString().equals(bookingId), STEP_TIMEOUT,
                "RoomBooked on Kafka");
        log.info("  ← RoomBooked on {} {}–{}", booked.roomAddress(), booked.start(), booked.end());
        events.await(CalendarEventChanged.class, e -> e.mailboxAddress().equalsIgnoreCase(DemoTenant.roomMail(3))
                        && e.snapshot() != null && (CalbridgeTag.BOOKING_PREFIX + bookingId).equals(e.snapshot().calbridgeTag()),
                STEP_TIMEOUT, "the booking's event in the room's own calendar (seen by sync)");
        return "booking " + bookingId + " written into " + DemoTenant.roomMail(3) + "'s calendar; RoomBooked published";
    }

    private String refuseConflict() throws Exception {
        Instant start = tomorrowAt(14).plus(Duration.ofMinutes(30));
        Map<String, Object> body = Map.of("roomEmail", DemoTenant.roomMail(3), "organizer", DemoTenant.mail(DemoTenant.NEW_HIRES.get(1)),
                "start", start.toString(), "end", start.plus(Duration.ofHours(1)).toString(), "subject", "Clashing meeting");
        Api.Reply reply = roomBooking.post("/api/tenants/" + DemoTenant.TENANT_ID + "/bookings", body,
                Map.of("Idempotency-Key", "demo-booking-clash"));
        if (reply.status() != 409) {
            throw new IllegalStateException("expected 409 Conflict, got " + reply.status() + " " + reply.problem());
        }
        return "409 " + reply.body().path("title").asString() + ": " + reply.body().path("detail").asString();
    }

    private interface Call {
        Api.Reply call() throws Exception;
    }

    /** A room becomes bookable once room-booking has seen its AccountConnected; give it a moment. */
    private static Api.Reply retryWhileRoomNotBookable(Call call) throws Exception {
        Instant deadline = Instant.now().plus(STEP_TIMEOUT);
        Api.Reply reply = call.call();
        while ((reply.status() == 404 || reply.status() == 422) && Instant.now().isBefore(deadline)) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            reply = call.call();
        }
        return reply;
    }

    private static Instant tomorrowAt(int hour) {
        return java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).atTime(hour, 0).toInstant(java.time.ZoneOffset.UTC);
    }

    private String offboard() throws Exception {
        String alias = DemoTenant.NEW_HIRES.getLast();
        String userId = DemoTenant.userId(alias);
        events.publish(new UserOffboarded(DemoTenant.TENANT_ID, userId, DemoTenant.mail(alias), DemoTenant.mail(alias),
                DirectorySource.HR_SYSTEM, Instant.now(), Instant.now(), "hr-demo-leaver-" + alias));
        events.await(AccountDisconnected.class, e -> e.mailboxId().equals(userId), STEP_TIMEOUT, "AccountDisconnected for " + alias);
        return DemoTenant.mail(alias) + " left the scope; AccountDisconnected published";
    }
}
