package io.calbridge.emulator.http;

import io.calbridge.emulator.auth.MailboxAccess;
import io.calbridge.emulator.auth.Principal;
import io.calbridge.emulator.auth.TokenIssuer;
import io.calbridge.emulator.control.Counters;
import io.calbridge.emulator.control.Faults;
import io.calbridge.emulator.odata.ErrorBody;
import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.store.DirectoryUser;
import io.calbridge.emulator.store.Store;
import io.calbridge.emulator.store.Tenant;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Every Graph request, from the wire or from a batch, passes here in Graph's order:
 * token validation, routing (501 for anything not implemented, including unknown {@code $} options),
 * mailbox resolution, permission and scoping (403), throttling (429), injected faults, then the handler.
 * Errors leave as Graph's error JSON with request ids.
 */
public final class GraphPipeline {
    /** The resolved mailbox's object id is passed to handlers under this parameter name. */
    public static final String MAILBOX = "_mailbox";

    private final Store store;
    private final TokenIssuer tokens;
    private final MailboxAccess access;
    private final Throttle throttle;
    private final Faults faults;
    private final Counters counters;
    private final Clock clock;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<GraphRequest, GraphResponse>> listeners = new CopyOnWriteArrayList<>();

    public GraphPipeline(Store store, TokenIssuer tokens, MailboxAccess access, Throttle throttle, Faults faults,
                         Counters counters, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.access = access;
        this.throttle = throttle;
        this.faults = faults;
        this.counters = counters;
        this.clock = clock;
    }

    public void register(List<Route> more) { routes.addAll(more); }

    /** Observes every response (used by the schema check). */
    public void onResponse(BiConsumer<GraphRequest, GraphResponse> listener) { listeners.add(listener); }

    public GraphResponse dispatch(GraphRequest request) {
        String routeName = request.method() + " (unmatched)";
        String app = "";
        String mailbox = "";
        String throttled = null;
        boolean entered = false;
        GraphResponse response;
        try {
            request = normalized(request);
            Principal principal = request.principal() != null ? request.principal() : tokens.validate(request.header("authorization"));
            request = request.withPrincipal(principal);
            app = principal.appId();
            Tenant tenant = store.tenant(principal.tenantId());
            if (tenant == null) throw new GraphException(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid issuer.");
            if (request.path().equalsIgnoreCase("/me") || request.path().toLowerCase(java.util.Locale.ROOT).startsWith("/me/")) {
                throw GraphException.badRequest("/me request is only valid with delegated authentication flow.");
            }
            Route route = null;
            Map<String, String> params = null;
            boolean pathKnown = false;
            for (Route r : routes) {
                Map<String, String> m = r.match(request.path());
                if (m == null) continue;
                pathKnown = true;
                if (r.method().equals(request.method())) {
                    route = r;
                    params = m;
                    break;
                }
            }
            if (route == null) {
                throw GraphException.notImplemented(pathKnown ? request.method() + " on " + request.path() : "the path " + request.path());
            }
            routeName = request.method() + " " + route.template();
            for (String q : request.query().keySet()) {
                if (q.startsWith("$") && !route.options().contains(q)) {
                    throw GraphException.notImplemented("the query option " + q + " on " + route.template());
                }
            }
            params = new LinkedHashMap<>(params);
            switch (route.kind()) {
                case MAILBOX -> {
                    String who = params.get(route.mailboxParam());
                    DirectoryUser user = tenant.user(who);
                    if (user == null) throw GraphException.invalidUser(who);
                    if (user.mailbox == DirectoryUser.MailboxKind.NONE) {
                        throw new GraphException(404, "MailboxNotEnabledForRESTAPI", "The mailbox is either inactive, soft-deleted, or is hosted on-premise.");
                    }
                    mailbox = user.id;
                    params.put(MAILBOX, user.id);
                    access.check(tenant, principal, user, route.write());
                    throttle.countMailboxRequest(app, user.id);
                    throttle.acquireMailbox(app, user.id);
                    throttled = user.id;
                    counters.enterMailbox(user.id);
                    entered = true;
                }
                case DIRECTORY, PLACES -> {
                    if (!principal.hasAny(route.roles())) throw GraphException.insufficientPrivileges();
                    if (route.write()) throttle.countDirectoryWrite(app, tenant.id);
                }
                case SUBSCRIPTIONS -> {
                    if (route.write()) throttle.countSubscriptionWrite(app, tenant.id);
                }
                case BATCH -> { }
            }
            // Injected faults act where the service would: after auth, scoping and throttling, so injected
            // latency holds the caller's concurrency slot like a slow mailbox does.
            Faults.Fault fault = faults.forRequest(request.method(), request.path());
            if (fault != null) {
                if (fault.latencyMillis() > 0) Thread.sleep(fault.latencyMillis());
                if (fault.status() > 0) {
                    GraphException e = new GraphException(fault.status(), fault.code(), fault.message());
                    if (fault.status() == 429 || fault.status() == 503) e.header("Retry-After", "1");
                    throw e;
                }
            }
            response = route.handler().handle(request, params);
        } catch (GraphException e) {
            response = error(e, request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            response = error(new GraphException(503, "serviceNotAvailable", "Interrupted."), request);
        } catch (RuntimeException e) {
            response = error(new GraphException(500, "generalException", "Unexpected emulator failure: " + e), request);
        } finally {
            if (throttled != null) throttle.release(app, throttled);
            if (entered) counters.leaveMailbox(mailbox);
        }
        response.headers().put("request-id", request.requestId());
        response.headers().put("client-request-id", request.clientRequestId());
        counters.request(routeName, response.status(), app, mailbox);
        for (var l : listeners) l.accept(request, response);
        return response;
    }

    /**
     * Graph accepts {@code graph.room} for {@code microsoft.graph.room} and {@code delta()} for {@code delta};
     * the SDK sends the short forms, so both reach the same route.
     */
    private static GraphRequest normalized(GraphRequest r) {
        String[] segs = r.path().split("/", -1);
        boolean changed = false;
        for (int i = 0; i < segs.length; i++) {
            String s = segs[i];
            if (s.regionMatches(true, 0, "graph.", 0, 6)) { segs[i] = "microsoft." + s; changed = true; }
            if (s.endsWith("()")) { segs[i] = segs[i].substring(0, segs[i].length() - 2); changed = true; }
        }
        if (!changed) return r;
        return new GraphRequest(r.method(), String.join("/", segs), r.query(), r.headers(), r.body(), r.requestId(), r.clientRequestId(),
                r.baseUrl(), r.principal());
    }

    public GraphResponse error(GraphException e, GraphRequest request) {
        GraphResponse r = GraphResponse.json(e.status(), ErrorBody.of(e.code(), e.getMessage(), request.requestId(), request.clientRequestId(), clock.instant()), null);
        e.headers().forEach(r::header);
        return r;
    }
}
