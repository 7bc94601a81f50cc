package io.calbridge.provisioning.connection.adapter.out.graph;

import com.microsoft.graph.models.Room;
import com.microsoft.graph.models.RoomCollectionResponse;
import io.calbridge.graph.GraphFailure;
import io.calbridge.graph.GraphTarget;
import io.calbridge.graph.Priority;
import io.calbridge.graph.TenantGraph;
import io.calbridge.graph.TokenInfo;
import io.calbridge.provisioning.connection.application.ServiceAccountProbe;
import io.calbridge.service.graph.TenantGraphs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.springframework.stereotype.Component;

/** {@link ServiceAccountProbe} through graph-client, at interactive priority. */
@Component
public class GraphServiceAccountProbe implements ServiceAccountProbe {

    private final TenantGraphs graphs;

    public GraphServiceAccountProbe(TenantGraphs graphs) {
        this.graphs = graphs;
    }

    @Override
    public Token token(String tenantId) {
        try {
            TokenInfo info = graphs.forTenant(tenantId).acquireToken().join();
            return new Token(info.roles(), info.expiresAt());
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof GraphFailure.CredentialExpired expired) {
                throw new CredentialRejected(expired.code() + ": " + expired.graphMessage(), true);
            }
            if (cause instanceof GraphFailure g) {
                throw new CredentialRejected(g.code() + ": " + g.graphMessage(), false);
            }
            throw new CredentialRejected(String.valueOf(cause), false);
        } catch (RuntimeException e) {
            throw new CredentialRejected(e.getMessage(), false);
        }
    }

    @Override
    public Read readCalendar(String tenantId, String mailbox) {
        try {
            graphs.forTenant(tenantId).call(new GraphTarget.Mailbox(mailbox), Priority.INTERACTIVE, sdk ->
                    sdk.users().byUserId(mailbox).events().get(rc -> {
                        rc.queryParameters.top = 1;
                        rc.queryParameters.select = new String[] {"id"};
                    })).join();
            return new Read(Access.READABLE, "ok");
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            String detail = cause instanceof GraphFailure g ? g.status() + " " + g.code() + ": " + g.graphMessage() : String.valueOf(cause);
            return switch (cause) {
                case GraphFailure.AccessDenied a -> new Read(Access.DENIED, detail);
                case GraphFailure.PermissionMissing p -> new Read(Access.DENIED, detail);
                case GraphFailure.NotFound n -> new Read(Access.NOT_FOUND, detail);
                default -> new Read(Access.ERROR, detail);
            };
        }
    }

    @Override
    public List<String> roomsOf(String tenantId, String roomListAddress) {
        TenantGraph graph = graphs.forTenant(tenantId);
        try {
            RoomCollectionResponse page = graph.call(new GraphTarget.Directory(), Priority.INTERACTIVE, sdk ->
                    sdk.places().byPlaceId(roomListAddress).graphRoomList().rooms().get()).join();
            List<String> rooms = new ArrayList<>();
            if (page != null && page.getValue() != null) {
                for (Room room : page.getValue()) {
                    if (room.getEmailAddress() != null) {
                        rooms.add(room.getEmailAddress());
                    }
                }
            }
            return rooms;
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException(cause instanceof GraphFailure g ? g.status() + " " + g.code() + ": " + g.graphMessage()
                    : String.valueOf(cause), cause);
        }
    }
}
