package io.calbridge.emulator.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.groups.Membership;
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

/**
 * {@code /directory/administrativeUnits}: list, get, members, and {@code members/$ref} add (one per call,
 * 204) and remove. A change here can widen or narrow an RBAC-for-Applications scope.
 */
public final class AdministrativeUnitRoutes {
    private static final String[] READ = {"AdministrativeUnit.Read.All", "AdministrativeUnit.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"};
    private static final String[] WRITE = {"AdministrativeUnit.ReadWrite.All", "Directory.ReadWrite.All"};
    private static final String TYPE = "microsoft.graph.administrativeUnit";

    private final Store store;

    public AdministrativeUnitRoutes(Store store) { this.store = store; }

    public List<Route> routes() {
        String base = "/directory/administrativeUnits";
        return List.of(
                Route.of("GET", base, Route.Kind.DIRECTORY, this::list).roles(READ).options("$select", "$filter", "$top", "$skiptoken", "$count"),
                Route.of("GET", base + "/{au}", Route.Kind.DIRECTORY, this::get).roles(READ).options("$select"),
                Route.of("GET", base + "/{au}/members", Route.Kind.DIRECTORY, this::members).roles(READ).options("$select", "$top", "$skiptoken", "$count"),
                Route.of("POST", base + "/{au}/members/$ref", Route.Kind.DIRECTORY, this::addRef).roles(WRITE).writes(),
                Route.of("DELETE", base + "/{au}/members/{member}/$ref", Route.Kind.DIRECTORY, this::removeRef).roles(WRITE).writes(),
                Route.of("DELETE", base + "/{au}/members/$ref", Route.Kind.DIRECTORY, this::removeRefById).roles(WRITE).writes().options("$id"));
    }

    private DirectoryGroup au(Tenant t, String id) {
        DirectoryGroup g = t.administrativeUnits.get(id);
        if (g == null) throw GraphException.directoryNotFound(id);
        return g;
    }

    private GraphResponse list(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        List<ObjectNode> all = new ArrayList<>(t.administrativeUnits.values().stream().sorted(Comparator.comparing(g -> g.id)).map(g -> g.graph).toList());
        var select = Query.select(r);
        return GraphResponse.ok(Query.page(Query.filter(all, r).stream().map(g -> Query.project(g, select, null)).toList(), r, 100, 999), TYPE);
    }

    private GraphResponse get(GraphRequest r, Map<String, String> p) {
        return GraphResponse.ok(Query.project(au(Context.tenant(store, r), p.get("au")).graph, Query.select(r), null), TYPE);
    }

    private GraphResponse members(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        var select = Query.select(r);
        List<ObjectNode> m = Membership.members(t, au(t, p.get("au"))).stream().map(x -> Query.project(x, select, null)).toList();
        return GraphResponse.ok(Query.page(m, r, 100, 999), "microsoft.graph.directoryObject");
    }

    private GraphResponse addRef(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        DirectoryGroup g = au(t, p.get("au"));
        ObjectNode body = r.json();
        Membership.add(t, g, List.of(Membership.parseRef(body.get("@odata.id"))));
        return GraphResponse.noContent();
    }

    private GraphResponse removeRefById(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        String ref = r.option("$id") != null ? r.option("$id") : r.option("@id");
        if (ref == null) throw new GraphException(400, "Request_BadRequest", "The @id query option is required.");
        Membership.remove(t, au(t, p.get("au")), Membership.parseRef(com.fasterxml.jackson.databind.node.TextNode.valueOf(ref)));
        return GraphResponse.noContent();
    }

    private GraphResponse removeRef(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        Membership.remove(t, au(t, p.get("au")), p.get("member"));
        return GraphResponse.noContent();
    }
}
