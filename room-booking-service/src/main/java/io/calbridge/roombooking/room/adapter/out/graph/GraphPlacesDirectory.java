package io.calbridge.roombooking.room.adapter.out.graph;

import com.microsoft.graph.models.RoomCollectionResponse;
import com.microsoft.graph.models.RoomList;
import com.microsoft.graph.models.RoomListCollectionResponse;
import io.calbridge.graph.GraphTarget;
import io.calbridge.graph.Priority;
import io.calbridge.graph.TenantGraph;
import io.calbridge.roombooking.room.application.PlacesDirectory;
import io.calbridge.roombooking.room.domain.PlaceEntry;
import io.calbridge.service.graph.TenantGraphs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Reads {@code /places/microsoft.graph.room}, {@code /places/microsoft.graph.roomlist} and each list's
 * {@code /places/{list-email}/microsoft.graph.roomlist/rooms} (GRAPH-FACTS §6.1), following {@code @odata.nextLink}.
 */
@Component
public class GraphPlacesDirectory implements PlacesDirectory {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final TenantGraphs graphs;

    public GraphPlacesDirectory(TenantGraphs graphs) {
        this.graphs = graphs;
    }

    @Override
    public List<PlaceEntry> rooms(String tenantId) {
        TenantGraph graph = graphs.forTenant(tenantId);
        Map<String, List<String>> listsByRoom = new LinkedHashMap<>();
        for (RoomList list : roomLists(graph)) {
            if (list.getEmailAddress() == null) {
                continue;
            }
            String listEmail = list.getEmailAddress().toLowerCase(Locale.ROOT);
            for (com.microsoft.graph.models.Room room : roomsOf(graph, list.getEmailAddress())) {
                if (room.getEmailAddress() != null) {
                    listsByRoom.computeIfAbsent(room.getEmailAddress().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(listEmail);
                }
            }
        }
        List<PlaceEntry> out = new ArrayList<>();
        String next = null;
        do {
            String url = next;
            RoomCollectionResponse page = join(graph.call(GraphTarget.directory(), Priority.BACKGROUND, sdk -> url == null
                    ? sdk.places().graphRoom().get()
                    : sdk.places().graphRoom().withUrl(url).get()));
            for (com.microsoft.graph.models.Room r : page.getValue()) {
                if (r.getEmailAddress() == null) {
                    continue;
                }
                String email = r.getEmailAddress().toLowerCase(Locale.ROOT);
                out.add(new PlaceEntry(r.getId(), email, r.getDisplayName(), r.getCapacity(), r.getBuilding(),
                        r.getFloorNumber(), r.getFloorLabel(), r.getTags(), r.getIsWheelChairAccessible(),
                        r.getBookingType() == null ? null : r.getBookingType().getValue(),
                        listsByRoom.getOrDefault(email, List.of())));
            }
            next = page.getOdataNextLink();
        } while (next != null);
        return out;
    }

    private static List<RoomList> roomLists(TenantGraph graph) {
        List<RoomList> out = new ArrayList<>();
        String next = null;
        do {
            String url = next;
            RoomListCollectionResponse page = join(graph.call(GraphTarget.directory(), Priority.BACKGROUND, sdk -> url == null
                    ? sdk.places().graphRoomList().get()
                    : sdk.places().graphRoomList().withUrl(url).get()));
            out.addAll(page.getValue());
            next = page.getOdataNextLink();
        } while (next != null);
        return out;
    }

    private static List<com.microsoft.graph.models.Room> roomsOf(TenantGraph graph, String listEmail) {
        List<com.microsoft.graph.models.Room> out = new ArrayList<>();
        String next = null;
        do {
            String url = next;
            RoomCollectionResponse page = join(graph.call(GraphTarget.directory(), Priority.BACKGROUND, sdk -> url == null
                    ? sdk.places().byPlaceId(listEmail).graphRoomList().rooms().get()
                    : sdk.places().byPlaceId(listEmail).graphRoomList().rooms().withUrl(url).get()));
            out.addAll(page.getValue());
            next = page.getOdataNextLink();
        } while (next != null);
        return out;
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException("The Places API did not answer within " + TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
