package io.calbridge.emulator.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.http.Context;
import io.calbridge.emulator.http.GraphRequest;
import io.calbridge.emulator.http.GraphResponse;
import io.calbridge.emulator.http.Route;
import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.odata.Query;
import io.calbridge.emulator.store.DirectoryGroup;
import io.calbridge.emulator.store.Store;
import io.calbridge.emulator.store.Tenant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code /groups}: list, get, members, {@code members/$ref} add and remove, and PATCH with {@code members@odata.bind}. */
public final class GroupRoutes {
    private static final String[] READ = {"Group.Read.All", "Group.ReadWrite.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All",
            "Directory.Read.All", "Directory.ReadWrite.All"};
    private static final String[] WRITE = {"GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"};
    private static final String TYPE = "microsoft.graph.group";

    private final Store store;

    public GroupRoutes(Store store) { this.store = store; }

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/groups", Route.Kind.DIRECTORY, this::list).roles(READ).options("$select", "$filter", "$top", "$count", "$skiptoken", "$orderby"),
                Route.of("GET", "/groups/{group}", Route.Kind.DIRECTORY, this::get).roles(READ).options("$select"),
                Route.of("PATCH", "/groups/{group}", Route.Kind.DIRECTORY, this::patch).roles(WRITE).writes(),
                Route.of("GET", "/groups/{group}/members", Route.Kind.DIRECTORY, this::members).roles(READ).options("$select", "$top", "$skiptoken", "$count", "$filter"),
                Route.of("POST", "/groups/{group}/members/$ref", Route.Kind.DIRECTORY, this::addRef).roles(WRITE).writes(),
                Route.of("DELETE", "/groups/{group}/members/{member}/$ref", Route.Kind.DIRECTORY, this::removeRef).roles(WRITE).writes(),
                Route.of("DELETE", "/groups/{group}/members/$ref", Route.Kind.DIRECTORY, this::removeRefById).roles(WRITE).writes().options("$id"));
    }

    private DirectoryGroup group(Tenant t, String id) {
        DirectoryGroup g = t.groups.get(id);
        if (g == null) throw GraphException.directoryNotFound(id);
        return g;
    }

    private GraphResponse list(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        List<ObjectNode> all = new ArrayList<>(t.groups.values().stream().sorted(Comparator.comparing(g -> g.id)).map(g -> g.graph).toList());
        List<ObjectNode> matched = new ArrayList<>(Query.filter(all, r));
        Query.orderBy(matched, r);
        var select = Query.select(r);
        return GraphResponse.ok(Query.page(matched.stream().map(g -> Query.project(g, select, null)).toList(), r, 100, 999), TYPE);
    }

    private GraphResponse get(GraphRequest r, Map<String, String> p) {
        DirectoryGroup g = group(Context.tenant(store, r), p.get("group"));
        return GraphResponse.ok(Query.project(g.graph, Query.select(r), null), TYPE);
    }

    private GraphResponse members(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        List<ObjectNode> m = Query.filter(Membership.members(t, group(t, p.get("group"))), r);
        var select = Query.select(r);
        return GraphResponse.ok(Query.page(m.stream().map(x -> Query.project(x, select, null)).toList(), r, 100, 999), "microsoft.graph.directoryObject");
    }

    private GraphResponse addRef(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        DirectoryGroup g = group(t, p.get("group"));
        ObjectNode body = r.json();
        Membership.requireWritable(g);
        Membership.add(t, g, List.of(Membership.parseRef(body.get("@odata.id"))));
        return GraphResponse.noContent();
    }

    private GraphResponse removeRef(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        Membership.remove(t, group(t, p.get("group")), p.get("member"));
        return GraphResponse.noContent();
    }

    /** {@code DELETE …/members/$ref?$id=…/directoryObjects/{id}}, the form the SDK's {@code members().ref().delete()} sends. */
    private GraphResponse removeRefById(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        String ref = r.option("$id") != null ? r.option("$id") : r.option("@id");
        if (ref == null) throw new GraphException(400, "Request_BadRequest", "The @id query option is required.");
        Membership.remove(t, group(t, p.get("group")), Membership.parseRef(com.fasterxml.jackson.databind.node.TextNode.valueOf(ref)));
        return GraphResponse.noContent();
    }

    private GraphResponse patch(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        DirectoryGroup g = group(t, p.get("group"));
        ObjectNode body = r.json();
        List<String> ids = new ArrayList<>();
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.startsWith("@odata.")) continue;
            if (f.equals("members@odata.bind")) {
                JsonNode refs = body.get(f);
                if (!refs.isArray()) throw new GraphException(400, "Request_BadRequest", "members@odata.bind must be an array.");
                for (JsonNode ref : refs) ids.add(Membership.parseRef(ref));
            } else if (!f.equals("description") && !f.equals("displayName")) {
                throw GraphException.notImplemented("updating the group property '" + f + "'");
            }
        }
        Membership.requireWritable(g);
        if (!ids.isEmpty()) Membership.add(t, g, ids);
        synchronized (g) {
            if (body.has("displayName")) g.graph.set("displayName", body.get("displayName"));
            if (body.has("description")) g.graph.set("description", body.get("description"));
        }
        return GraphResponse.noContent();
    }
}
