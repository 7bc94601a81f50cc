package io.calbridge.roombooking.booking.adapter.out.graph;

import com.microsoft.graph.models.User;
import io.calbridge.graph.GraphFailure;
import io.calbridge.graph.GraphTarget;
import io.calbridge.graph.Priority;
import io.calbridge.roombooking.booking.application.Organizers;
import io.calbridge.roombooking.booking.domain.CalendarUnavailable;
import io.calbridge.service.graph.TenantGraphs;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Looks organizers up with {@code GET /users/{upn-or-id}} (User.Read.All). */
@Component
public class GraphOrganizers implements Organizers {

    private final TenantGraphs graphs;
    private final Duration timeout;

    public GraphOrganizers(TenantGraphs graphs, @Value("${roombooking.graph.timeout:PT30S}") Duration timeout) {
        this.graphs = graphs;
        this.timeout = timeout;
    }

    @Override
    public Optional<Organizer> find(String tenantId, String upnOrAddress) {
        try {
            User user = GraphRoomCalendar.await(graphs.forTenant(tenantId).call(GraphTarget.directory(), Priority.INTERACTIVE,
                    sdk -> sdk.users().byUserId(upnOrAddress).get(c -> c.queryParameters.select =
                            new String[] {"id", "mail", "userPrincipalName", "displayName"})), timeout);
            String address = user.getMail() != null ? user.getMail() : user.getUserPrincipalName();
            return Optional.of(new Organizer(user.getId(), address, user.getDisplayName()));
        } catch (CalendarUnavailable e) {
            if (e.getCause() instanceof GraphFailure.NotFound || e.getCause() instanceof GraphFailure.BadRequest) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
