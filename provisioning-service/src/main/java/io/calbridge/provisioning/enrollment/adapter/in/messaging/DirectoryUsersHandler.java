package io.calbridge.provisioning.enrollment.adapter.in.messaging;

import io.calbridge.common.Topics;
import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.cloudevents.EventMessage;
import io.calbridge.common.events.directory.UserOffboarded;
import io.calbridge.common.events.directory.UserOnboarded;
import io.calbridge.messaging.DeadLetterHeaders;
import io.calbridge.messaging.InboundEventHandler;
import io.calbridge.messaging.PermanentFailure;
import io.calbridge.messaging.TransientFailure;
import io.calbridge.messaging.UnknownTenant;
import io.calbridge.provisioning.enrollment.application.ConcurrentChange;
import io.calbridge.provisioning.enrollment.application.DirectoryChange;
import io.calbridge.provisioning.enrollment.application.PolicyIncomplete;
import io.calbridge.provisioning.enrollment.application.RecordDirectoryChange;
import io.calbridge.provisioning.tenant.domain.TenantNotFound;
import org.springframework.stereotype.Component;

/**
 * {@code directory.users}: records joiners and leavers for the enrollment worker (no Graph call on the consumer
 * thread). An unknown tenant dead-letters with {@code UNKNOWN_TENANT}; a policy without a scope object with
 * {@code POLICY_INCOMPLETE}; an event type not for us with {@code UNKNOWN_TYPE}.
 */
@Component
public class DirectoryUsersHandler implements InboundEventHandler {

    private final CloudEventCodec codec;
    private final RecordDirectoryChange record;

    public DirectoryUsersHandler(CloudEventCodec codec, RecordDirectoryChange record) {
        this.codec = codec;
        this.record = record;
    }

    @Override
    public String topic() {
        return Topics.DIRECTORY_USERS;
    }

    @Override
    public void handle(EventMessage message) {
        String eventId = message.header("ce_id");
        try {
            switch (codec.decode(message)) {
                case UserOnboarded e -> record.onboarded(new DirectoryChange(e.tenantId(), e.userId(), e.userPrincipalName(),
                        e.mail(), e.displayName(), e.department(), eventId, e.occurredAt()));
                case UserOffboarded e -> record.offboarded(e.tenantId(), e.userId(), eventId);
                default -> throw new PermanentFailure(DeadLetterHeaders.UNKNOWN_TYPE, "not a directory event: " + message.header("ce_type"));
            }
        } catch (TenantNotFound e) {
            throw new UnknownTenant(e.tenantId());
        } catch (PolicyIncomplete e) {
            throw new PermanentFailure("POLICY_INCOMPLETE", e.getMessage());
        } catch (ConcurrentChange e) {
            throw new TransientFailure(e.getMessage(), e);
        }
    }
}
