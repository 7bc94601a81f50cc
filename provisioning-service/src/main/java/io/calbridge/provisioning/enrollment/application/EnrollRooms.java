package io.calbridge.provisioning.enrollment.application;

import io.calbridge.provisioning.enrollment.domain.Enrollment;
import io.calbridge.provisioning.enrollment.domain.EnrollmentState;
import io.calbridge.provisioning.enrollment.domain.MailboxType;
import io.calbridge.provisioning.enrollment.domain.Operation;
import io.calbridge.provisioning.enrollment.domain.ScopeTarget;
import io.calbridge.provisioning.tenant.application.Tenants;
import io.calbridge.provisioning.tenant.domain.Tenant;
import io.calbridge.provisioning.tenant.domain.TenantNotFound;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lists the rooms of the tenant's room lists (Places) and records each room mailbox for enrollment into the room
 * scope, like a person; the worker adds, verifies and publishes {@code AccountConnected} with kind ROOM.
 * Rooms already enrolled are left alone, so running it again picks up only new rooms. Rooms that left the room
 * lists (their list dropped from the policy, or no longer listing them) are queued for removal from the scope; the
 * worker then publishes {@code MailboxUnenrolled} and {@code AccountDisconnected}. A room list that could not be
 * read keeps its rooms.
 */
@Service
public class EnrollRooms {

    private static final Logger log = LoggerFactory.getLogger(EnrollRooms.class);

    private static final int MAX_ENROLLMENTS = 1_000_000;

    private final Tenants tenants;
    private final RoomCatalog catalog;
    private final RecordDirectoryChange recorder;
    private final Enrollments enrollments;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public EnrollRooms(Tenants tenants, RoomCatalog catalog, RecordDirectoryChange recorder, Enrollments enrollments,
                       PlatformTransactionManager tm, Clock clock) {
        this.tenants = tenants;
        this.catalog = catalog;
        this.recorder = recorder;
        this.enrollments = enrollments;
        this.transactions = new TransactionTemplate(tm);
        this.clock = clock;
    }

    /**
     * What a room enrollment run found.
     *
     * @param departed rooms no longer in the policy's room lists, queued for removal from the scope
     */
    public record Report(String tenantId, List<RoomListResult> roomLists, List<String> departed) {}

    /**
     * @param address  the room list
     * @param rooms    rooms found in it
     * @param recorded rooms newly recorded for enrollment
     * @param error    why the room list could not be read; null when it was
     */
    public record RoomListResult(String address, int rooms, int recorded, String error) {}

    public Report enroll(String tenantId, String correlationId) {
        Tenant tenant = tenants.find(tenantId).filter(t -> !t.removed()).orElseThrow(() -> new TenantNotFound(tenantId));
        ScopeTarget scope = Scopes.forRooms(tenantId, tenant.policy());
        List<RoomListResult> results = new ArrayList<>();
        Set<String> read = new HashSet<>();
        Set<String> listed = new HashSet<>();
        for (String roomList : tenant.policy().rooms().roomListAddresses()) {
            List<RoomCatalog.Room> rooms;
            try {
                rooms = catalog.roomsOf(tenantId, roomList);
            } catch (RuntimeException e) {
                log.warn("Room list {} of tenant {} could not be read: {}", roomList, tenantId, e.getMessage());
                results.add(new RoomListResult(roomList, 0, 0, e.getMessage()));
                continue;
            }
            read.add(roomList.toLowerCase(Locale.ROOT));
            rooms.forEach(room -> listed.add(room.userId()));
            int recorded = 0;
            for (RoomCatalog.Room room : rooms) {
                Boolean changed = transactions.execute(tx -> recorder.request(tenant, room.userId(), MailboxType.ROOM, room.address(),
                        room.address(), room.displayName(), roomList, scope, correlationId, null));
                if (Boolean.TRUE.equals(changed)) {
                    recorded++;
                }
            }
            results.add(new RoomListResult(roomList, rooms.size(), recorded, null));
            log.info("Room list {} of tenant {}: {} rooms, {} newly recorded", roomList, tenantId, rooms.size(), recorded);
        }
        List<String> departed = unenrollDeparted(tenant, read, listed, correlationId);
        return new Report(tenantId, results, departed);
    }

    /** Queues the removal of enrolled rooms that no room list of the policy lists any more. */
    private List<String> unenrollDeparted(Tenant tenant, Set<String> read, Set<String> listed, String correlationId) {
        Set<String> inPolicy = new HashSet<>();
        tenant.policy().rooms().roomListAddresses().forEach(a -> inPolicy.add(a.toLowerCase(Locale.ROOT)));
        List<String> departed = new ArrayList<>();
        for (Enrollment e : enrollments.list(tenant.tenantId(), null, MAX_ENROLLMENTS)) {
            if (e.type() != MailboxType.ROOM || e.operation() == Operation.REMOVE || e.state() == EnrollmentState.FAILED
                    || listed.contains(e.userId())) {
                continue;
            }
            String list = e.roomListAddress() == null ? "" : e.roomListAddress().toLowerCase(Locale.ROOT);
            // Gone from a list that was read, or its list left the policy; an unreadable list keeps its rooms.
            if (!read.contains(list) && inPolicy.contains(list)) {
                continue;
            }
            Enrollment next = e.removalRequested(correlationId, clock.instant());
            if (next != e && enrollments.update(next)) {
                departed.add(e.userId());
                log.info("Room {} of tenant {} left room list {}: removing it from the room scope", e.userId(), tenant.tenantId(),
                        e.roomListAddress());
            }
        }
        return departed;
    }
}
