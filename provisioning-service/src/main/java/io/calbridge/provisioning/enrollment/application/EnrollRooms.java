package io.calbridge.provisioning.enrollment.application;

import io.calbridge.provisioning.enrollment.domain.MailboxType;
import io.calbridge.provisioning.enrollment.domain.ScopeTarget;
import io.calbridge.provisioning.tenant.application.Tenants;
import io.calbridge.provisioning.tenant.domain.Tenant;
import io.calbridge.provisioning.tenant.domain.TenantNotFound;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lists the rooms of the tenant's room lists (Places) and records each room mailbox for enrollment into the room
 * scope, like a person; the worker adds, verifies and publishes {@code AccountConnected} with kind ROOM.
 * Rooms already enrolled are left alone, so running it again picks up only new rooms.
 */
@Service
public class EnrollRooms {

    private static final Logger log = LoggerFactory.getLogger(EnrollRooms.class);

    private final Tenants tenants;
    private final RoomCatalog catalog;
    private final RecordDirectoryChange recorder;
    private final TransactionTemplate transactions;

    public EnrollRooms(Tenants tenants, RoomCatalog catalog, RecordDirectoryChange recorder, PlatformTransactionManager tm) {
        this.tenants = tenants;
        this.catalog = catalog;
        this.recorder = recorder;
        this.transactions = new TransactionTemplate(tm);
    }

    /** What a room enrollment run found. */
    public record Report(String tenantId, List<RoomListResult> roomLists) {}

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
        for (String roomList : tenant.policy().rooms().roomListAddresses()) {
            List<RoomCatalog.Room> rooms;
            try {
                rooms = catalog.roomsOf(tenantId, roomList);
            } catch (RuntimeException e) {
                log.warn("Room list {} of tenant {} could not be read: {}", roomList, tenantId, e.getMessage());
                results.add(new RoomListResult(roomList, 0, 0, e.getMessage()));
                continue;
            }
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
        return new Report(tenantId, results);
    }
}
