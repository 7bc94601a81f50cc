package io.calbridge.sync.subscription.adapter.out.messaging;

import io.calbridge.common.Topics;
import io.calbridge.common.cloudevents.CloudEventHeaders;
import io.calbridge.common.cloudevents.EventMessage;
import io.calbridge.common.events.CalbridgeEvent;
import io.calbridge.messaging.Outbox;
import io.calbridge.sync.subscription.application.NotificationQueue;
import io.calbridge.sync.subscription.domain.Notification;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes notifications to {@code sync.notifications} (internal to sync, so its JSON is not a {@code common} contract)
 * as CloudEvents keyed by {@code tenantId/mailboxId}, through the outbox.
 */
@Component
public class OutboxNotificationQueue implements NotificationQueue {

    /** The {@code ce_type} of a change notification on {@code sync.notifications}. */
    public static final String CHANGED = "io.calbridge.sync.GraphChangeNotified.v1";
    /** The {@code ce_type} of a lifecycle notification on {@code sync.notifications}. */
    public static final String LIFECYCLE = "io.calbridge.sync.GraphLifecycleNotified.v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Outbox outbox;
    private final Clock clock;

    public OutboxNotificationQueue(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void enqueue(Notification n) {
        String key = CalbridgeEvent.subjectOf(n.tenantId(), n.mailboxId());
        Instant now = clock.instant();
        ObjectNode body = JSON.createObjectNode()
                .put("tenantId", n.tenantId())
                .put("mailboxId", n.mailboxId())
                .put("subscriptionId", n.subscriptionId());
        String type = switch (n) {
            case Notification.Changed c -> {
                body.put("changeType", c.changeType()).put("eventId", c.eventId())
                        .put("receivedAt", DateTimeFormatter.ISO_INSTANT.format(c.receivedAt()));
                yield CHANGED;
            }
            case Notification.Lifecycle l -> {
                body.put("lifecycleEvent", l.event());
                yield LIFECYCLE;
            }
        };
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.ID, UUID.randomUUID().toString());
        headers.put(CloudEventHeaders.SOURCE, "/sync-service");
        headers.put(CloudEventHeaders.TYPE, type);
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        headers.put(CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(now));
        headers.put(CloudEventHeaders.SUBJECT, key);
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.APPLICATION_JSON);
        outbox.append(new EventMessage(Topics.NOTIFICATIONS, key, headers, JSON.writeValueAsBytes(body)));
    }
}
