package io.calbridge.emulator.places;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.calbridge.emulator.http.Context;
import io.calbridge.emulator.http.GraphRequest;
import io.calbridge.emulator.http.GraphResponse;
import io.calbridge.emulator.http.Route;
import io.calbridge.emulator.odata.GraphException;
import io.calbridge.emulator.odata.Query;
import io.calbridge.emulator.store.Room;
import io.calbridge.emulator.store.RoomList;
import io.calbridge.emulator.store.Store;
import io.calbridge.emulator.store.Tenant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code /places/microsoft.graph.room}, {@code /places/microsoft.graph.roomlist} and
 * {@code /places/{roomlist-email}/microsoft.graph.roomlist/rooms} (by email address, not id), 100 per page,
 * with {@code $filter}, {@code $select}, {@code $top}, {@code $count}; permission Place.Read.All.
 */
public final class PlaceRoutes {
    private static final String[] READ = {"Place.Read.All", "Place.ReadWrite.All"};
    private final Store store;

    public PlaceRoutes(Store store) { this.store = store; }

    public List<Route> routes() {
        String[] opts = {"$select", "$filter", "$top", "$skip", "$skiptoken", "$count", "$orderby"};
        return List.of(
                Route.of("GET", "/places/microsoft.graph.room", Route.Kind.PLACES, this::rooms).roles(READ).options(opts),
                Route.of("GET", "/places/microsoft.graph.roomlist", Route.Kind.PLACES, this::roomLists).roles(READ).options(opts),
                Route.of("GET", "/places/{list}/microsoft.graph.roomlist/rooms", Route.Kind.PLACES, this::roomsOfList).roles(READ).options(opts),
                Route.of("GET", "/places/{place}/microsoft.graph.room", Route.Kind.PLACES, (r, p) -> cast(r, p, "microsoft.graph.room")).roles(READ).options("$select"),
                Route.of("GET", "/places/{place}/microsoft.graph.roomlist", Route.Kind.PLACES, (r, p) -> cast(r, p, "microsoft.graph.roomList")).roles(READ).options("$select"),
                Route.of("GET", "/places/{place}", Route.Kind.PLACES, this::place).roles(READ).options("$select"));
    }

    private GraphResponse rooms(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        List<ObjectNode> all = new ArrayList<>(t.rooms.values().stream().sorted(Comparator.comparing(Room::emailAddress)).map(x -> x.graph()).toList());
        return page(all, r, "microsoft.graph.room");
    }

    private GraphResponse roomLists(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        List<ObjectNode> all = new ArrayList<>(t.roomLists.values().stream().sorted(Comparator.comparing(RoomList::emailAddress)).map(x -> x.graph()).toList());
        return page(all, r, "microsoft.graph.roomList");
    }

    private GraphResponse roomsOfList(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        RoomList list = t.roomLists.get(p.get("list").toLowerCase());
        if (list == null) {
            throw new GraphException(404, "ErrorItemNotFound", "The specified object was not found in the store., The room list '" + p.get("list") + "' was not found.");
        }
        List<ObjectNode> rooms = new ArrayList<>();
        for (String email : list.roomEmails()) {
            Room room = t.rooms.get(email.toLowerCase());
            if (room != null) rooms.add(room.graph());
        }
        return page(rooms, r, "microsoft.graph.room");
    }

    private GraphResponse place(GraphRequest r, Map<String, String> p) {
        Tenant t = Context.tenant(store, r);
        String key = p.get("place");
        for (Room room : t.rooms.values()) {
            if (room.id().equals(key) || room.emailAddress().equalsIgnoreCase(key)) {
                ObjectNode out = Query.project(room.graph(), Query.select(r), null);
                out.put("@odata.type", "#microsoft.graph.room");
                return GraphResponse.ok(out, "microsoft.graph.room");
            }
        }
        for (RoomList l : t.roomLists.values()) {
            if (l.id().equals(key) || l.emailAddress().equalsIgnoreCase(key)) {
                ObjectNode out = Query.project(l.graph(), Query.select(r), null);
                out.put("@odata.type", "#microsoft.graph.roomList");
                return GraphResponse.ok(out, "microsoft.graph.roomList");
            }
        }
        throw GraphException.itemNotFound();
    }

    /** A type cast segment: the place must be of that type, or it is not found. */
    private GraphResponse cast(GraphRequest r, Map<String, String> p, String type) {
        GraphResponse found = place(r, p);
        if (!type.equals(found.entityType())) throw GraphException.itemNotFound();
        return found;
    }

    private static GraphResponse page(List<ObjectNode> all, GraphRequest r, String type) {
        List<ObjectNode> matched = new ArrayList<>(Query.filter(all, r));
        Query.orderBy(matched, r);
        var select = Query.select(r);
        return GraphResponse.ok(Query.page(matched.stream().map(x -> Query.project(x, select, null)).toList(), r, 100, 999), type);
    }
}
