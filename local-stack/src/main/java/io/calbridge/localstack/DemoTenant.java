package io.calbridge.localstack;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo organisation the local stack seeds into the Graph emulator: about 200 people in three
 * departments, 12 rooms in two buildings with a room list each, an administrative unit that scopes the service
 * account (RBAC for Applications), and existing meetings, some recurring. Ids are derived from names, so every
 * run produces the same tenant.
 */
final class DemoTenant {

    static final String TENANT_ID = "8d3f1c2a-6b4e-4f7a-9c1d-2e5b7a9c0f13";
    static final String DOMAIN = "contoso.example";
    static final String CLIENT_ID = "c4a1b7e2-3d5f-4a6b-8c9d-0e1f2a3b4c5d";
    static final String CLIENT_SECRET = "demo-secret-not-for-production";
    static final String PEOPLE_UNIT = id("au:people");
    static final String ROOMS_UNIT = id("au:rooms");
    static final List<String> DEPARTMENTS = List.of("Engineering", "Sales", "Operations");
    static final List<String> ROOM_LISTS = List.of("rooms-hq@" + DOMAIN, "rooms-annex@" + DOMAIN);
    /** People HR "hires" during the demo: in the directory, not yet in the service account's scope. */
    static final List<String> NEW_HIRES = List.of("nadia.new", "oscar.onboard", "priya.start");
    static final int PEOPLE = 200;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] FIRST = {"Ada", "Ben", "Chloe", "Dev", "Elif", "Farid", "Grace", "Hugo", "Ines", "Jonas",
        "Kira", "Liam", "Maya", "Noor", "Omar", "Pia", "Quinn", "Rosa", "Sami", "Tess"};
    private static final String[] LAST = {"Ahmed", "Berg", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito", "Jensen"};

    private DemoTenant() {
    }

    static String id(String name) {
        return UUID.nameUUIDFromBytes(("calbridge-demo:" + name).getBytes()).toString();
    }

    /** The aliases of the seeded people, in seed order; the first 150 start inside the scope. */
    static List<String> peopleAliases() {
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            aliases.add(alias(i));
        }
        return aliases;
    }

    private static String alias(int i) {
        String first = FIRST[i % FIRST.length];
        String last = LAST[(i / FIRST.length) % LAST.length];
        return (first + "." + last + (i >= FIRST.length * LAST.length ? i : "")).toLowerCase(Locale.ROOT);
    }

    static String mail(String alias) {
        return alias + "@" + DOMAIN;
    }

    static String userId(String alias) {
        return id("user:" + alias);
    }

    static String roomMail(int n) {
        return "room-" + n + "@" + DOMAIN;
    }

    /** The seed document for {@code POST /_emulator/seed}. */
    static String seedJson(LocalDate today) {
        ObjectNode tenant = JSON.createObjectNode().put("id", TENANT_ID).put("domain", DOMAIN);
        ObjectNode app = tenant.putArray("apps").addObject()
                .put("clientId", CLIENT_ID).put("displayName", "Calbridge (demo)").put("adminConsent", true);
        app.putArray("secrets").addObject().put("value", CLIENT_SECRET).put("expires", today.plusDays(365) + "T00:00:00Z");
        // Directory and Places permissions tenant-wide; calendars only through the scoped role assignments below.
        app.putArray("roles").add("User.Read.All").add("Place.Read.All").add("AdministrativeUnit.ReadWrite.All")
                .add("GroupMember.ReadWrite.All");

        ArrayNode users = tenant.putArray("users");
        List<String> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String first = FIRST[i % FIRST.length];
            String last = LAST[(i / FIRST.length) % LAST.length];
            String alias = alias(i);
            people.add(alias);
            users.addObject().put("id", userId(alias)).put("userPrincipalName", mail(alias)).put("mail", mail(alias))
                    .put("displayName", first + " " + last).put("givenName", first).put("surname", last)
                    .put("department", DEPARTMENTS.get(i % DEPARTMENTS.size()));
        }
        for (String alias : NEW_HIRES) {
            String[] names = alias.split("\\.");
            users.addObject().put("id", userId(alias)).put("userPrincipalName", mail(alias)).put("mail", mail(alias))
                    .put("displayName", capital(names[0]) + " " + capital(names[1]))
                    .put("department", "Engineering");
        }

        ArrayNode rooms = tenant.putArray("rooms");
        for (int n = 1; n <= 12; n++) {
            boolean hq = n <= 7;
            ObjectNode room = rooms.addObject().put("id", id("room:" + n)).put("emailAddress", roomMail(n))
                    .put("displayName", (hq ? "HQ " : "Annex ") + "Room " + n).put("capacity", 4 + (n % 4) * 4)
                    .put("building", hq ? "HQ" : "Annex").put("floorNumber", 1 + n % 3).put("floorLabel", "Floor " + (1 + n % 3))
                    .put("isWheelChairAccessible", n % 2 == 0);
            room.putArray("tags").add(n % 3 == 0 ? "video" : "whiteboard");
            room.putObject("booking").put("automateProcessing", "AutoAccept").put("allowConflicts", false)
                    .put("bookingWindowInDays", 180).put("maximumDurationInMinutes", 480);
        }
        ArrayNode lists = tenant.putArray("roomLists");
        ObjectNode hqList = lists.addObject().put("emailAddress", ROOM_LISTS.get(0)).put("displayName", "HQ rooms");
        ObjectNode annexList = lists.addObject().put("emailAddress", ROOM_LISTS.get(1)).put("displayName", "Annex rooms");
        for (int n = 1; n <= 12; n++) {
            (n <= 7 ? hqList : annexList).withArray("rooms").add(roomMail(n));
        }

        ArrayNode units = tenant.putArray("administrativeUnits");
        ObjectNode peopleUnit = units.addObject().put("id", PEOPLE_UNIT).put("displayName", "Calbridge people");
        ArrayNode members = peopleUnit.putArray("members");
        people.stream().limit(150).forEach(alias -> members.add(userId(alias)));
        units.addObject().put("id", ROOMS_UNIT).put("displayName", "Calbridge rooms").putArray("members");

        ArrayNode assignments = tenant.putArray("roleAssignments");
        assignments.addObject().put("app", CLIENT_ID).put("role", "Application Calendars.ReadWrite")
                .put("recipientAdministrativeUnitScope", PEOPLE_UNIT);
        assignments.addObject().put("app", CLIENT_ID).put("role", "Application Calendars.ReadWrite")
                .put("recipientAdministrativeUnitScope", ROOMS_UNIT);

        ArrayNode events = tenant.putArray("events");
        LocalDate monday = today.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        for (int n = 1; n <= 12; n++) {
            event(events, roomMail(n), "Team stand-up", monday.atTime(9, 0), 30, true);
            event(events, roomMail(n), "Planning", today.plusDays(n % 5 + 1).atTime(13, 0), 60, false);
        }
        for (String alias : NEW_HIRES) {
            event(events, mail(alias), "Welcome session", today.plusDays(1).atTime(10, 0), 60, false);
            event(events, mail(alias), "1:1 with manager", monday.atTime(15, 0), 30, true);
        }
        ObjectNode seed = JSON.createObjectNode();
        seed.putArray("tenants").add(tenant);
        return JSON.writeValueAsString(seed);
    }

    private static void event(ArrayNode events, String mailbox, String subject, LocalDateTime start, int minutes, boolean weekly) {
        DateTimeFormatter format = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
        ObjectNode event = events.addObject().put("mailbox", mailbox).put("subject", subject);
        event.putObject("start").put("dateTime", start.format(format)).put("timeZone", "UTC");
        event.putObject("end").put("dateTime", start.plusMinutes(minutes).format(format)).put("timeZone", "UTC");
        if (weekly) {
            ObjectNode recurrence = event.putObject("recurrence");
            recurrence.putObject("pattern").put("type", "weekly").put("interval", 1).put("firstDayOfWeek", "monday")
                    .putArray("daysOfWeek").add(start.getDayOfWeek().name().toLowerCase(Locale.ROOT));
            recurrence.putObject("range").put("type", "numbered").put("startDate", start.toLocalDate().toString())
                    .put("numberOfOccurrences", 12);
        }
    }

    private static String capital(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
