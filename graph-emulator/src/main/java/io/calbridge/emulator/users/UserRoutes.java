package io.calbridge.emulator.users;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.http.Context;
import io.calbridge.emulator.http.GraphRequest;
import io.calbridge.emulator.http.GraphResponse;
import io.calbridge.emulator.http.Route;
import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.odata.Json;
import io.calbridge.emulator.odata.Query;
import io.calbridge.emulator.odata.Tokens;
import io.calbridge.emulator.store.DirectoryUser;
import io.calbridge.emulator.store.Store;
import io.calbridge.emulator.store.Tenant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /users}: list (default 100 per page, {@code $top} up to 999), get by id or UPN, {@code $select}
 * (without it, Graph's default property set), the {@code $filter} subset, and {@code /users/delta}.
 */
public final class UserRoutes {
    /** The properties Graph returns for a user when no {@code $select} is given. */
    public static final Set<String> DEFAULT_PROPERTIES = Set.of("businessPhones", "displayName", "givenName", "jobTitle", "mail",
            "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id");
    private static final String[] READ = {"User.Read.All", "User.ReadWrite.All", "User.ReadBasic.All", "Directory.Read.All", "Directory.ReadWrite.All"};
    private static final String TYPE = "microsoft.graph.user";

    private final Store store;

    public UserRoutes(Store store) { this.store = store; }

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/users/delta", Route.Kind.DIRECTORY, this::delta).roles(READ).options("$select", "$deltatoken", "$skiptoken"),
                Route.of("GET", "/users", Route.Kind.DIRECTORY, this::list).roles(READ).options("$select", "$filter", "$top", "$count", "$skiptoken", "$orderby"),
                Route.of("GET", "/users/{user}", Route.Kind.DIRECTORY, this::get).roles(READ).options("$select"));
    }

    private GraphResponse get(GraphRequest r, Map<String, String> p) {
        DirectoryUser u = Context.tenant(store, r).user(p.get("user"));
        if (u == null) throw GraphException.directoryNotFound(p.get("user"));
        return GraphResponse.ok(Query.project(u.graph, Query.select(r), DEFAULT_PROPERTIES), TYPE);
    }

    private GraphResponse list(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        List<ObjectNode> all = new ArrayList<>();
        t.users.values().stream().sorted(Comparator.comparing(u -> u.id)).forEach(u -> all.add(u.graph));
        List<ObjectNode> matched = Query.filter(all, r);
        if (matched == all) matched = new ArrayList<>(all);
        Query.orderBy(matched, r);
        Set<String> select = Query.select(r);
        List<ObjectNode> projected = matched.stream().map(u -> Query.project(u, select, DEFAULT_PROPERTIES)).toList();
        return GraphResponse.ok(Query.page(projected, r, 100, 999), TYPE);
    }

    /**
     * Delta over users. The first round lists every user; later rounds list users whose version is above the
     * token's. Tokens are stateless: {@code {"v": version}} for delta, {@code {"v","s","a"}} for skip (from, snapshot, after-id).
     */
    private GraphResponse delta(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        long from = 0;
        long snapshot;
        String after = "";
        String dt = r.option("$deltatoken");
        String st = r.option("$skiptoken");
        if (st != null) {
            ObjectNode s = Tokens.decode(st);
            if (s == null) throw new GraphException(400, "Request_BadRequest", "Invalid skip token.");
            from = s.path("v").asLong();
            snapshot = s.path("s").asLong();
            after = s.path("a").asText();
        } else {
            if (dt != null) {
                ObjectNode d = Tokens.decode(dt);
                if (d == null) throw new GraphException(400, "Request_BadRequest", "Invalid delta token.");
                from = d.path("v").asLong();
            }
            snapshot = t.sequence.get();
        }
        final long lo = from;
        final long hi = snapshot;
        final String afterId = after;
        List<DirectoryUser> changed = t.users.values().stream()
                .filter(u -> u.version > lo && u.version <= hi && u.id.compareTo(afterId) > 0)
                .sorted(Comparator.comparing(u -> u.id)).toList();
        int size = pageSize(r);
        Set<String> select = Query.select(r);
        ObjectNode out = Json.object();
        ArrayNode value = out.putArray("value");
        changed.stream().limit(size).forEach(u -> value.add(Query.project(u.graph, select, DEFAULT_PROPERTIES)));
        if (changed.size() > size) {
            String last = changed.get(size - 1).id;
            out.put("@odata.nextLink", Query.link(r, Map.of("$skiptoken", Tokens.encode(Json.object().put("v", lo).put("s", hi).put("a", last)))));
        } else {
            out.put("@odata.deltaLink", Query.link(r, Map.of("$deltatoken", Tokens.encode(Json.object().put("v", hi)))));
        }
        return GraphResponse.ok(out, TYPE);
    }

    private static int pageSize(GraphRequest r) {
        String pref = r.prefer("odata.maxpagesize");
        if (pref == null) return 100;
        try {
            return Math.max(1, Math.min(999, Integer.parseInt(pref)));
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}
