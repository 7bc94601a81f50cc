package io.calbridge.emulator.subscriptions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.emulator.auth.MailboxAccess;
import io.calbridge.emulator.http.Context;
import io.calbridge.emulator.http.GraphRequest;
import io.calbridge.emulator.http.GraphResponse;
import io.calbridge.emulator.http.Route;
import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.odata.Json;
import io.calbridge.emulator.store.DirectoryUser;
import io.calbridge.emulator.store.Store;
import io.calbridge.emulator.store.Subscription;
import io.calbridge.emulator.store.Tenant;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /subscriptions} for Outlook events ({@code users/{id}/events}): create with the validation
 * handshake on both URLs, list (the caller's own), get, renew with PATCH, delete, reauthorize. The
 * maximum lifetime is configurable (4,230 minutes by default); 1,000 per mailbox.
 */
public final class SubscriptionRoutes {
    private static final String TYPE = "microsoft.graph.subscription";
    private static final Pattern RESOURCE = Pattern.compile("^/?(users|me)(?:/([^/]+))?/(?:calendar/)?events$", Pattern.CASE_INSENSITIVE);
    private static final Set<String> CHANGE_TYPES = Set.of("created", "updated", "deleted");
    /** The subscription properties a create may carry; anything else is 400, as Graph rejects unknown properties. */
    public static final Set<String> ACCEPTED = Set.of("changeType", "notificationUrl", "lifecycleNotificationUrl", "resource",
            "expirationDateTime", "clientState", "latestSupportedTlsVersion", "includeResourceData", "encryptionCertificate",
            "encryptionCertificateId", "notificationQueryOptions", "notificationUrlAppId");

    private final Store store;
    private final Notifier notifier;
    private final MailboxAccess access;
    private final EmulatorOptions options;
    private final Clock clock;

    public SubscriptionRoutes(Store store, Notifier notifier, MailboxAccess access, EmulatorOptions options, Clock clock) {
        this.store = store;
        this.notifier = notifier;
        this.access = access;
        this.options = options;
        this.clock = clock;
    }

    public List<Route> routes() {
        return List.of(
                Route.of("POST", "/subscriptions", Route.Kind.SUBSCRIPTIONS, this::create).writes(),
                Route.of("GET", "/subscriptions", Route.Kind.SUBSCRIPTIONS, this::list),
                Route.of("GET", "/subscriptions/{id}", Route.Kind.SUBSCRIPTIONS, this::get),
                Route.of("PATCH", "/subscriptions/{id}", Route.Kind.SUBSCRIPTIONS, this::renew).writes(),
                Route.of("DELETE", "/subscriptions/{id}", Route.Kind.SUBSCRIPTIONS, this::delete).writes(),
                Route.of("POST", "/subscriptions/{id}/reauthorize", Route.Kind.SUBSCRIPTIONS, this::reauthorize).writes());
    }

    private static GraphException invalid(String message) {
        return new GraphException(400, "InvalidRequest", message);
    }

    private GraphResponse create(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        ObjectNode b = r.json();
        for (var it = b.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.startsWith("@odata") && !ACCEPTED.contains(field) && !field.equals("id")) {
                throw new GraphException(400, "BadRequest", "The property '" + field + "' does not exist on type 'microsoft.graph.subscription'.");
            }
        }
        String resource = Json.text(b, "resource");
        String changeType = Json.text(b, "changeType");
        String url = Json.text(b, "notificationUrl");
        String exp = Json.text(b, "expirationDateTime");
        if (resource == null || changeType == null || url == null || exp == null) {
            throw invalid("The subscription needs changeType, notificationUrl, resource and expirationDateTime.");
        }
        if (b.path("includeResourceData").asBoolean(false)) throw GraphException.notImplemented("rich notifications (includeResourceData)");
        Matcher m = RESOURCE.matcher(resource.split("\\?")[0]);
        if (!m.matches()) throw GraphException.notImplemented("subscriptions to the resource '" + resource + "'");
        if (m.group(1).equalsIgnoreCase("me")) throw GraphException.badRequest("/me request is only valid with delegated authentication flow.");
        Set<String> types = new LinkedHashSet<>(Arrays.asList(changeType.split(",")));
        if (!CHANGE_TYPES.containsAll(types)) throw invalid("Invalid changeType '" + changeType + "'.");
        checkUrl(url, "notificationUrl");
        String lifecycle = Json.text(b, "lifecycleNotificationUrl");
        if (lifecycle != null) checkUrl(lifecycle, "lifecycleNotificationUrl");
        String clientState = Json.text(b, "clientState");
        if (clientState != null && clientState.length() > 128) throw invalid("clientState must be at most 128 characters.");
        Instant expiration = expiration(exp);
        DirectoryUser user = t.user(m.group(2));
        if (user == null || user.mailbox == DirectoryUser.MailboxKind.NONE) throw GraphException.invalidUser(m.group(2));
        access.check(t, r.caller(), user, false);
        long perMailbox = t.subscriptions.values().stream().filter(s -> s.mailboxId().equals(user.id)).count();
        if (perMailbox >= 1000) throw new GraphException(403, "ExtensionError", "The maximum number of subscriptions for this mailbox has been reached.");
        String failure = notifier.validate(url, token());
        if (failure == null && lifecycle != null) failure = notifier.validate(lifecycle, token());
        if (failure != null) throw invalid(failure);
        Subscription s = new Subscription(UUID.randomUUID().toString(), t.id, r.caller().appId(), resource, user.id, types,
                String.join(",", types), url, lifecycle, clientState, expiration, b.path("latestSupportedTlsVersion").asText("v1_2"),
                r.caller().servicePrincipalId());
        t.subscriptions.put(s.id(), s);
        return GraphResponse.json(201, json(s), TYPE);
    }

    /** Graph's tokens are prose with spaces and colons, so a receiver that echoes the still-encoded value fails, as in Graph. */
    private static String token() {
        return "Validation: Testing client application reachability for subscription Request-Id: " + UUID.randomUUID();
    }

    private Instant expiration(String text) {
        Instant e = Json.instant(text);
        Instant now = clock.instant();
        if (!e.isAfter(now)) throw invalid("Subscription expiration must be in the future.");
        if (e.isAfter(now.plus(Duration.ofMinutes(options.subscriptionMaxMinutes())))) {
            throw invalid("Subscription expiration can only be " + options.subscriptionMaxMinutes() + " minutes in the future.");
        }
        return e;
    }

    private static void checkUrl(String url, String field) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw invalid("The " + field + " is not a valid URL.");
        }
        boolean loopback = "127.0.0.1".equals(u.getHost()) || "localhost".equalsIgnoreCase(u.getHost()) || "[::1]".equals(u.getHost());
        // Graph insists on https; plain http is allowed here for loopback receivers only.
        if (!"https".equalsIgnoreCase(u.getScheme()) && !(loopback && "http".equalsIgnoreCase(u.getScheme()))) {
            throw invalid("The " + field + " must be an https URL.");
        }
    }

    private Subscription own(GraphRequest r, String id) {
        Subscription s = Context.tenant(store, r).subscriptions.get(id);
        if (s == null || !s.applicationId().equals(r.caller().appId())) {
            throw new GraphException(404, "ResourceNotFound", "The object was not found.");
        }
        return s;
    }

    private GraphResponse list(GraphRequest r, Map<String, String> p) {
        ObjectNode out = Json.object();
        ArrayNode v = out.putArray("value");
        Context.tenant(store, r).subscriptions.values().stream().filter(s -> s.applicationId().equals(r.caller().appId()))
                .forEach(s -> v.add(json(s)));
        return GraphResponse.ok(out, TYPE);
    }

    private GraphResponse get(GraphRequest r, Map<String, String> p) {
        return GraphResponse.ok(json(own(r, p.get("id"))), TYPE);
    }

    private GraphResponse renew(GraphRequest r, Map<String, String> p) {
        Subscription s = own(r, p.get("id"));
        ObjectNode b = r.json();
        for (var it = b.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("expirationDateTime") && !f.startsWith("@odata")) throw GraphException.notImplemented("updating the subscription property '" + f + "'");
        }
        String exp = Json.text(b, "expirationDateTime");
        if (exp == null) throw invalid("expirationDateTime is required.");
        Subscription renewed = s.withExpiration(expiration(exp));
        Context.tenant(store, r).subscriptions.put(s.id(), renewed);
        return GraphResponse.ok(json(renewed), TYPE);
    }

    private GraphResponse delete(GraphRequest r, Map<String, String> p) {
        Subscription s = own(r, p.get("id"));
        Context.tenant(store, r).subscriptions.remove(s.id());
        return GraphResponse.noContent();
    }

    private GraphResponse reauthorize(GraphRequest r, Map<String, String> p) {
        own(r, p.get("id"));
        return GraphResponse.noContent();
    }

    static ObjectNode json(Subscription s) {
        ObjectNode o = Json.object();
        o.put("id", s.id());
        o.put("resource", s.resource());
        o.put("applicationId", s.applicationId());
        o.put("changeType", s.changeType());
        o.put("clientState", s.clientState());
        o.put("notificationUrl", s.notificationUrl());
        o.putNull("notificationQueryOptions");
        o.put("lifecycleNotificationUrl", s.lifecycleNotificationUrl());
        o.put("expirationDateTime", Json.offset(s.expirationDateTime()));
        o.put("creatorId", s.creatorId());
        o.put("includeResourceData", false);
        o.put("latestSupportedTlsVersion", s.latestSupportedTlsVersion());
        o.putNull("encryptionCertificate");
        o.putNull("encryptionCertificateId");
        o.putNull("notificationUrlAppId");
        return o;
    }
}
