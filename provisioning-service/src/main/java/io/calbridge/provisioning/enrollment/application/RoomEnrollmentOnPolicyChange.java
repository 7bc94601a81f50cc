package io.calbridge.provisioning.enrollment.application;

import io.calbridge.provisioning.tenant.application.TenantPolicyChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** After a policy change commits, enrolls the rooms of the policy's room lists (on a virtual thread). */
@Component
public class RoomEnrollmentOnPolicyChange {

    private static final Logger log = LoggerFactory.getLogger(RoomEnrollmentOnPolicyChange.class);

    private final EnrollRooms enrollRooms;

    public RoomEnrollmentOnPolicyChange(EnrollRooms enrollRooms) {
        this.enrollRooms = enrollRooms;
    }

    @TransactionalEventListener
    public void on(TenantPolicyChanged changed) {
        if (changed.tenant().policy().rooms().roomListAddresses().isEmpty()) {
            return;
        }
        String tenantId = changed.tenant().tenantId();
        Thread.ofVirtual().name("room-enrollment-" + tenantId).start(() -> {
            try {
                enrollRooms.enroll(tenantId, null);
            } catch (RuntimeException e) {
                log.warn("Room enrollment after the policy change of tenant {} failed: {}", tenantId, e.toString());
            }
        });
    }
}
