package io.calbridge.provisioning.watch.adapter.out.messaging;

import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.events.directory.DirectorySource;
import io.calbridge.common.events.directory.UserOffboarded;
import io.calbridge.common.events.directory.UserOnboarded;
import io.calbridge.messaging.Outbox;
import io.calbridge.provisioning.watch.application.DirectoryDelta;
import io.calbridge.provisioning.watch.application.WatchPublications;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The watch's findings as {@code UserOnboarded}/{@code UserOffboarded} with source DIRECTORY_WATCH. */
@Component
public class OutboxWatchPublications implements WatchPublications {

    private final Outbox outbox;
    private final CloudEventCodec codec;
    private final Clock clock;

    public OutboxWatchPublications(Outbox outbox, CloudEventCodec codec, Clock clock) {
        this.outbox = outbox;
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public void onboarded(String tenantId, DirectoryDelta.UserChange u) {
        Instant now = clock.instant();
        outbox.append(codec.encode(new UserOnboarded(tenantId, u.userId(), u.userPrincipalName(), address(u.mail()), u.displayName(),
                u.department(), DirectorySource.DIRECTORY_WATCH, now, null), UUID.randomUUID(), now));
    }

    @Override
    public void offboarded(String tenantId, DirectoryDelta.UserChange u) {
        Instant now = clock.instant();
        outbox.append(codec.encode(new UserOffboarded(tenantId, u.userId(), u.userPrincipalName(), address(u.mail()),
                DirectorySource.DIRECTORY_WATCH, now, now, null), UUID.randomUUID(), now));
    }

    private static String address(String mail) {
        return mail != null && mail.indexOf('@') > 0 && mail.indexOf('@') == mail.lastIndexOf('@') ? mail : null;
    }
}
