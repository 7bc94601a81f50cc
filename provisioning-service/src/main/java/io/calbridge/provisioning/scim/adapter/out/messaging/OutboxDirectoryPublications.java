package io.calbridge.provisioning.scim.adapter.out.messaging;

import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.events.directory.DirectorySource;
import io.calbridge.common.events.directory.UserOffboarded;
import io.calbridge.common.events.directory.UserOnboarded;
import io.calbridge.messaging.Outbox;
import io.calbridge.provisioning.scim.application.DirectoryPublications;
import io.calbridge.provisioning.scim.domain.ScimUser;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** SCIM changes as {@code UserOnboarded}/{@code UserOffboarded} with source SCIM. */
@Component
public class OutboxDirectoryPublications implements DirectoryPublications {

    private final Outbox outbox;
    private final CloudEventCodec codec;
    private final Clock clock;

    public OutboxDirectoryPublications(Outbox outbox, CloudEventCodec codec, Clock clock) {
        this.outbox = outbox;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public void onboarded(ScimUser u, String correlationId) {
        Instant now = clock.instant();
        outbox.append(codec.encode(new UserOnboarded(u.tenantId(), u.userId(), u.userName(), address(u.email()), u.displayName(),
                u.department(), DirectorySource.SCIM, now, correlationId), UUID.randomUUID(), now));
    }

    @Override
    public void offboarded(ScimUser u, String correlationId) {
        Instant now = clock.instant();
        outbox.append(codec.encode(new UserOffboarded(u.tenantId(), u.userId(), u.userName(), address(u.email()), DirectorySource.SCIM,
                now, now, correlationId), UUID.randomUUID(), now));
    }

    private static String address(String email) {
        return email != null && email.indexOf('@') > 0 && email.indexOf('@') == email.lastIndexOf('@') ? email : null;
    }
}
