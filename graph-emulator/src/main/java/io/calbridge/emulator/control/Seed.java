package io.calbridge.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.auth.TlsMaterial;
import io.calbridge.emulator.calendar.CalendarService;
import io.calbridge.emulator.odata.Json;
import io.calbridge.emulator.store.AccessRules;
import io.calbridge.emulator.store.AppRegistration;
import io.calbridge.emulator.store.DirectoryGroup;
import io.calbridge.emulator.store.DirectoryUser;
import io.calbridge.emulator.store.Room;
import io.calbridge.emulator.store.RoomList;
import io.calbridge.emulator.store.Store;
import io.calbridge.emulator.store.Tenant;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a seed document (format in FIDELITY.md). Seeding is additive: objects with an existing id are
 * replaced, everything else is kept; {@code reset} clears all tenants first.
 */
public final class Seed {
    private final Store store;
    private final CalendarService calendar;

    public Seed(Store store, CalendarService calendar) {
        this.store = store;
        this.calendar = calendar;
    }

    public ObjectNode apply(JsonNode seed) {
        int tenants = 0, users = 0, events = 0;
        for (JsonNode tn : seed.path("tenants")) {
            String id = required(tn, "id", "tenant");
            Tenant t = store.tenantOrCreate(id, tn.path("domain").asText(id));
            tenants++;
            for (JsonNode a : tn.path("apps")) app(t, a);
            for (JsonNode u : tn.path("users")) { user(t, u, DirectoryUser.MailboxKind.valueOf(u.path("mailbox").asText("user").toUpperCase(Locale.ROOT))); users++; }
            for (JsonNode r : tn.path("rooms")) room(t, r);
            for (JsonNode g : tn.path("groups")) group(t, g);
            for (JsonNode au : tn.path("administrativeUnits")) au(t, au);
            for (JsonNode rl : tn.path("roomLists")) roomList(t, rl);
            for (JsonNode p : tn.path("applicationAccessPolicies")) {
                var policy = new AccessRules.ApplicationAccessPolicy(required(p, "appId", "policy"), required(p, "groupId", "policy"),
                        AccessRules.Right.valueOf(p.path("accessRight").asText("RestrictAccess")));
                if (!t.accessPolicies.contains(policy)) t.accessPolicies.add(policy);
            }
            for (JsonNode s : tn.path("managementScopes")) {
                String name = required(s, "name", "managementScope");
                t.managementScopes.put(name, new AccessRules.ManagementScope(name, required(s, "recipientRestrictionFilter", "managementScope")));
            }
            for (JsonNode ra : tn.path("roleAssignments")) roleAssignment(t, ra);
            t.scopeGeneration.incrementAndGet();
            for (JsonNode e : tn.path("events")) {
                String mailbox = required(e, "mailbox", "event");
                DirectoryUser u = t.user(mailbox);
                if (u == null) throw new IllegalArgumentException("seed event for unknown mailbox " + mailbox);
                ObjectNode body = e.deepCopy();
                body.remove("mailbox");
                calendar.create(t, u, body, CalendarService.Source.OUTLOOK);
                events++;
            }
            if (tn.has("generate")) {
                ObjectNode g = generate(t, tn.get("generate"));
                users += g.path("users").asInt();
                events += g.path("events").asInt();
            }
        }
        return Json.object().put("tenants", tenants).put("users", users).put("events", events);
    }

    /**
     * Synthetic bulk data for load tests, without a giant seed file:
     * {@code {"users":10000,"rooms":500,"eventsPerMailbox":100,"from":"2026-01-05","days":250}}. Users are
     * {@code gen-u-N} / {@code userN@domain}; rooms {@code gen-room-N@domain} (AutoAccept defaults); events are
     * 30 or 60 minutes on working days, deterministic for a given input.
     */
    private ObjectNode generate(Tenant t, JsonNode spec) {
        int userCount = spec.path("users").asInt(0);
        int roomCount = spec.path("rooms").asInt(0);
        int perMailbox = spec.path("eventsPerMailbox").asInt(0);
        java.time.LocalDate from = java.time.LocalDate.parse(spec.path("from").asText(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString()));
        int days = Math.max(1, spec.path("days").asInt(90));
        String[] departments = {"Engineering", "Sales", "Finance", "Support", "Marketing"};
        List<DirectoryUser> mailboxes = new ArrayList<>(userCount + roomCount);
        for (int i = 0; i < userCount; i++) {
            ObjectNode u = Json.object().put("id", "gen-u-" + i).put("userPrincipalName", "user" + i + "@" + t.domain)
                    .put("displayName", "User " + i).put("department", departments[i % departments.length]);
            mailboxes.add(user(t, u, DirectoryUser.MailboxKind.USER));
        }
        for (int i = 0; i < roomCount; i++) {
            ObjectNode r = Json.object().put("emailAddress", "gen-room-" + i + "@" + t.domain).put("displayName", "Room " + i)
                    .put("capacity", 4 + i % 17).put("building", "B" + (i / 50)).put("floorNumber", i % 10);
            room(t, r);
            mailboxes.add(t.user("gen-room-" + i + "@" + t.domain));
        }
        long events = 0;
        for (int m = 0; m < mailboxes.size(); m++) {
            DirectoryUser u = mailboxes.get(m);
            for (int k = 0; k < perMailbox; k++) {
                long h = (m * 31L + k) * 2654435761L;
                java.time.LocalDate day = from.plusDays(Math.floorMod(h, days));
                int hour = 8 + (int) Math.floorMod(h >> 8, 9);
                int minutes = Math.floorMod(h >> 16, 2) == 0 ? 30 : 60;
                java.time.Instant start = day.atTime(hour, Math.floorMod(h >> 20, 2) == 0 ? 0 : 30).toInstant(java.time.ZoneOffset.UTC);
                calendar.insertGenerated(t, u, "Meeting " + k, start, start.plusSeconds(minutes * 60L));
                events++;
            }
        }
        return Json.object().put("users", userCount).put("rooms", roomCount).put("events", events);
    }

    private static String required(JsonNode n, String field, String what) {
        String v = Json.text(n, field);
        if (v == null || v.isBlank()) throw new IllegalArgumentException(what + " needs '" + field + "'");
        return v;
    }

    private static void app(Tenant t, JsonNode a) {
        String clientId = required(a, "clientId", "app");
        List<AppRegistration.Secret> secrets = new ArrayList<>();
        for (JsonNode s : a.path("secrets")) {
            secrets.add(new AppRegistration.Secret(required(s, "value", "secret"),
                    s.hasNonNull("expires") ? Instant.parse(s.get("expires").asText()) : Instant.parse("2999-01-01T00:00:00Z")));
        }
        List<AppRegistration.Certificate> certs = new ArrayList<>();
        for (JsonNode c : a.path("certificates")) {
            if (c.hasNonNull("pem")) {
                X509Certificate x = TlsMaterial.parseCertificate(c.get("pem").asText());
                certs.add(new AppRegistration.Certificate(TlsMaterial.thumbprint("SHA-1", x), TlsMaterial.thumbprint("SHA-256", x), x.getPublicKey()));
            } else {
                // A bare public key with the thumbprints the client will send (what an app manifest's keyCredentials carry).
                PublicKey key = publicKey(required(c, "publicKeyPem", "certificate"));
                certs.add(new AppRegistration.Certificate(c.path("x5t").asText(""), c.path("x5tS256").asText(""), key));
            }
        }
        Set<String> roles = new LinkedHashSet<>();
        a.path("roles").forEach(r -> roles.add(r.asText()));
        t.apps.put(clientId, new AppRegistration(clientId, a.path("displayName").asText(clientId),
                a.path("servicePrincipalId").asText(UUID.nameUUIDFromBytes(("sp" + clientId + t.id).getBytes()).toString()),
                List.copyOf(secrets), List.copyOf(certs), Collections.unmodifiableSet(roles), a.path("adminConsent").asBoolean(true)));
    }

    private static PublicKey publicKey(String pem) {
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return java.security.KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.X509EncodedKeySpec(java.util.Base64.getDecoder().decode(b64)));
        } catch (Exception e) {
            throw new IllegalArgumentException("publicKeyPem is not an RSA public key");
        }
    }

    private static final Set<String> NOT_GRAPH = Set.of("customAttributes", "mailbox");

    private static DirectoryUser user(Tenant t, JsonNode u, DirectoryUser.MailboxKind kind) {
        String id = u.path("id").asText(UUID.randomUUID().toString());
        String upn = required(u, "userPrincipalName", "user");
        ObjectNode g = Json.object();
        g.put("id", id);
        g.putArray("businessPhones");
        g.put("displayName", u.path("displayName").asText(upn));
        g.putNull("givenName");
        g.putNull("jobTitle");
        g.put("mail", u.path("mail").asText(upn));
        g.putNull("mobilePhone");
        g.putNull("officeLocation");
        g.putNull("preferredLanguage");
        g.putNull("surname");
        g.put("userPrincipalName", upn);
        g.put("accountEnabled", true);
        g.put("userType", "Member");
        g.putNull("department");
        u.fields().forEachRemaining(e -> { if (!NOT_GRAPH.contains(e.getKey())) g.set(e.getKey(), e.getValue().deepCopy()); });
        if (kind == DirectoryUser.MailboxKind.ROOM) g.put("isResourceAccount", true);
        Map<String, String> custom = new LinkedHashMap<>();
        u.path("customAttributes").fields().forEachRemaining(e -> custom.put(e.getKey(), e.getValue().asText()));
        DirectoryUser old = t.users.get(id);
        if (old != null) {
            t.userNames.remove(old.upn().toLowerCase(Locale.ROOT));
            t.userNames.remove(old.mail().toLowerCase(Locale.ROOT));
        }
        DirectoryUser du = new DirectoryUser(id, g, custom, kind, t.nextVersion());
        t.users.put(id, du);
        t.userNames.put(upn.toLowerCase(Locale.ROOT), id);
        t.userNames.put(du.mail().toLowerCase(Locale.ROOT), id);
        return du;
    }

    private static void room(Tenant t, JsonNode r) {
        String email = required(r, "emailAddress", "room");
        String id = r.path("id").asText(UUID.nameUUIDFromBytes(email.toLowerCase(Locale.ROOT).getBytes()).toString());
        ObjectNode g = Json.object();
        g.put("id", id);
        g.put("emailAddress", email);
        g.put("displayName", r.path("displayName").asText(email));
        g.put("nickname", r.path("nickname").asText(r.path("displayName").asText(email)));
        g.putNull("building");
        g.putNull("floorNumber");
        g.putNull("floorLabel");
        g.putNull("label");
        g.putNull("capacity");
        g.put("bookingType", "standard");
        g.putNull("audioDeviceName");
        g.putNull("videoDeviceName");
        g.putNull("displayDeviceName");
        g.put("isWheelChairAccessible", false);
        g.putArray("tags");
        g.putNull("phone");
        g.putNull("address");
        g.putNull("geoCoordinates");
        g.putNull("parentId");
        g.put("teamsEnabledState", "unknown");
        r.fields().forEachRemaining(e -> { if (!e.getKey().equals("booking")) g.set(e.getKey(), e.getValue().deepCopy()); });
        JsonNode b = r.path("booking");
        Room.Booking d = Room.Booking.defaults();
        Room.Booking booking = new Room.Booking(b.path("automateProcessing").asText(d.automateProcessing()),
                b.path("allowConflicts").asBoolean(d.allowConflicts()), b.path("bookingWindowInDays").asInt(d.bookingWindowInDays()),
                b.path("maximumDurationInMinutes").asInt(d.maximumDurationInMinutes()));
        t.rooms.put(email.toLowerCase(Locale.ROOT), new Room(id, email, g, booking));
        ObjectNode mailboxUser = Json.object().put("id", id).put("userPrincipalName", email).put("mail", email)
                .put("displayName", g.path("displayName").asText());
        user(t, mailboxUser, DirectoryUser.MailboxKind.ROOM);
    }

    private static void roomList(Tenant t, JsonNode r) {
        String email = required(r, "emailAddress", "roomList");
        String id = r.path("id").asText(UUID.nameUUIDFromBytes(email.toLowerCase(Locale.ROOT).getBytes()).toString());
        ObjectNode g = Json.object();
        g.put("id", id);
        g.put("displayName", r.path("displayName").asText(email));
        g.put("emailAddress", email);
        g.putNull("address");
        g.putNull("geoCoordinates");
        g.putNull("phone");
        g.putArray("tags");
        r.fields().forEachRemaining(e -> { if (!e.getKey().equals("rooms")) g.set(e.getKey(), e.getValue().deepCopy()); });
        List<String> rooms = new ArrayList<>();
        r.path("rooms").forEach(x -> rooms.add(x.asText()));
        t.roomLists.put(email.toLowerCase(Locale.ROOT), new RoomList(id, email, g, List.copyOf(rooms)));
    }

    private static void group(Tenant t, JsonNode gn) {
        String id = required(gn, "id", "group");
        DirectoryGroup.Kind kind = switch (gn.path("kind").asText("security")) {
            case "security" -> DirectoryGroup.Kind.SECURITY;
            case "unified", "microsoft365" -> DirectoryGroup.Kind.UNIFIED;
            case "mailEnabledSecurity" -> DirectoryGroup.Kind.MAIL_ENABLED_SECURITY;
            case "distribution" -> DirectoryGroup.Kind.DISTRIBUTION;
            default -> throw new IllegalArgumentException("unknown group kind " + gn.path("kind").asText());
        };
        ObjectNode g = Json.object();
        g.put("id", id);
        g.put("displayName", gn.path("displayName").asText(id));
        g.put("description", gn.path("description").asText(null));
        var types = g.putArray("groupTypes");
        if (kind == DirectoryGroup.Kind.UNIFIED) types.add("Unified");
        g.put("mailEnabled", kind != DirectoryGroup.Kind.SECURITY);
        g.put("securityEnabled", kind != DirectoryGroup.Kind.DISTRIBUTION && kind != DirectoryGroup.Kind.UNIFIED);
        g.put("mail", kind == DirectoryGroup.Kind.SECURITY ? null : gn.path("mail").asText(null));
        g.put("mailNickname", gn.path("mailNickname").asText(gn.path("displayName").asText(id).replaceAll("\\W", "")));
        g.put("visibility", kind == DirectoryGroup.Kind.UNIFIED ? "Private" : null);
        Set<String> members = Collections.synchronizedSet(new LinkedHashSet<>());
        gn.path("members").forEach(m -> members.add(resolve(t, m.asText())));
        t.groups.put(id, new DirectoryGroup(id, g, kind, members));
    }

    private static void au(Tenant t, JsonNode an) {
        String id = required(an, "id", "administrativeUnit");
        ObjectNode g = Json.object();
        g.put("id", id);
        g.put("displayName", an.path("displayName").asText(id));
        g.put("description", an.path("description").asText(null));
        g.putNull("isMemberManagementRestricted");
        g.put("membershipType", "Assigned");
        g.putNull("membershipRule");
        g.putNull("membershipRuleProcessingState");
        g.putNull("visibility");
        Set<String> members = Collections.synchronizedSet(new LinkedHashSet<>());
        an.path("members").forEach(m -> members.add(resolve(t, m.asText())));
        t.administrativeUnits.put(id, new DirectoryGroup(id, g, DirectoryGroup.Kind.ADMINISTRATIVE_UNIT, members));
    }

    /** Members may be given by id, UPN or mail. */
    private static String resolve(Tenant t, String ref) {
        DirectoryUser u = t.user(ref);
        return u != null ? u.id : ref;
    }

    private static void roleAssignment(Tenant t, JsonNode ra) {
        String app = required(ra, "app", "roleAssignment");
        String role = required(ra, "role", "roleAssignment");
        AccessRules.RoleAssignment a;
        if (ra.hasNonNull("customResourceScope")) {
            a = new AccessRules.RoleAssignment(app, role, AccessRules.ScopeType.CUSTOM_RESOURCE_SCOPE, ra.get("customResourceScope").asText());
        } else if (ra.hasNonNull("recipientAdministrativeUnitScope")) {
            a = new AccessRules.RoleAssignment(app, role, AccessRules.ScopeType.ADMINISTRATIVE_UNIT, ra.get("recipientAdministrativeUnitScope").asText());
        } else if (ra.hasNonNull("recipientGroupScope")) {
            a = new AccessRules.RoleAssignment(app, role, AccessRules.ScopeType.GROUP, ra.get("recipientGroupScope").asText());
        } else {
            a = new AccessRules.RoleAssignment(app, role, AccessRules.ScopeType.ORGANIZATION, null);
        }
        if (!t.roleAssignments.contains(a)) t.roleAssignments.add(a);
    }
}
