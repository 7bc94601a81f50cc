package io.calbridge.provisioning.enrollment.adapter.out.graph;

import com.microsoft.graph.models.RoomCollectionResponse;
import com.microsoft.graph.models.User;
import io.calbridge.graph.GraphTarget;
import io.calbridge.graph.Priority;
import io.calbridge.graph.TenantGraph;
import io.calbridge.provisioning.enrollment.application.RoomCatalog;
import io.calbridge.provisioning.platform.FallbackTenantGraphs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * Rooms of a room list from Places ({@code GET /places/{roomListAddress}/microsoft.graph.roomlist/rooms}, paged), each
 * resolved to its room account's Entra object id with {@code GET /users/{address}} (a room's Places id is not it).
 */
@Component
public class GraphRoomCatalog implements RoomCatalog {

    private final FallbackTenantGraphs graphs;

    public GraphRoomCatalog(FallbackTenantGraphs graphs) {
        this.graphs = graphs;
    }

    @Override
    public List<RoomCatalog.Room> roomsOf(String tenantId, String roomListAddress) {
        TenantGraph graph = graphs.forTenant(tenantId);
        List<com.microsoft.graph.models.Room> rooms = new ArrayList<>();
        RoomCollectionResponse page = graph.call(new GraphTarget.Directory(), Priority.INTERACTIVE, sdk ->
                sdk.places().byPlaceId(roomListAddress).graphRoomList().rooms().get()).join();
        while (page != null) {
            if (page.getValue() != null) {
                rooms.addAll(page.getValue());
            }
            String next = page.getOdataNextLink();
            page = next == null ? null : graph.call(new GraphTarget.Directory(), Priority.INTERACTIVE, sdk ->
                    sdk.places().byPlaceId(roomListAddress).graphRoomList().rooms().withUrl(next).get()).join();
        }
        Map<com.microsoft.graph.models.Room, CompletableFuture<User>> accounts = new java.util.LinkedHashMap<>();
        for (com.microsoft.graph.models.Room room : rooms) {
            if (room.getEmailAddress() == null) {
                continue;
            }
            accounts.put(room, graph.call(new GraphTarget.Directory(), Priority.INTERACTIVE, sdk ->
                    sdk.users().byUserId(room.getEmailAddress()).get(rc -> rc.queryParameters.select = new String[] {"id", "mail", "displayName"})));
        }
        List<RoomCatalog.Room> out = new ArrayList<>();
        accounts.forEach((room, user) -> {
            User account = user.join();
            out.add(new RoomCatalog.Room(account.getId(), room.getEmailAddress(),
                    room.getDisplayName() != null ? room.getDisplayName() : account.getDisplayName()));
        });
        return out;
    }
}
