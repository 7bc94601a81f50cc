package io.calbridge.sync.subscription.adapter.in.messaging;

import io.calbridge.common.Topics;
import io.calbridge.common.cloudevents.CloudEventHeaders;
import io.calbridge.common.cloudevents.EventMessage;
import io.calbridge.common.events.CalbridgeEvent;
import io.calbridge.messaging.DeadLetterHeaders;
import io.calbridge.messaging.InboundEventHandler;
import io.calbridge.messaging.PermanentFailure;
import io.calbridge.sync.subscription.adapter.out.messaging.OutboxNotificationQueue;
import io.calbridge.sync.subscription.application.HandleNotification;
import io.calbridge.sync.subscription.domain.Notification;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@code sync.notifications}: the instance assigned a mailbox's partition handles its notifications,
 * in order. Undecodable records go to the dead-letter topic with their reason.
 */
@Component
public class NotificationsHandler implements InboundEventHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HandleNotification handleNotification;

    public NotificationsHandler(HandleNotification handleNotification) {
        this.handleNotification = handleNotification;
    }

    @Override
    public String topic() {
        return Topics.NOTIFICATIONS;
    }

    @Override
    public void handle(EventMessage message) {
        handleNotification.handle(decode(message));
    }

    static Notification decode(EventMessage message) {
        String type = message.header(CloudEventHeaders.TYPE);
        if (!OutboxNotificationQueue.CHANGED.equals(type) && !OutboxNotificationQueue.LIFECYCLE.equals(type)) {
            throw new PermanentFailure(DeadLetterHeaders.UNKNOWN_TYPE, "ce_type '" + type + "' is not a notification");
        }
        JsonNode body;
        try {
            body = JSON.readTree(message.payload());
        } catch (JacksonException e) {
            throw new PermanentFailure(DeadLetterHeaders.MALFORMED_JSON, "notification payload is not JSON: " + e.getOriginalMessage());
        }
        String tenantId = text(body, "tenantId");
        String mailboxId = text(body, "mailboxId");
        String subscriptionId = text(body, "subscriptionId");
        if (body == null || !body.isObject() || tenantId == null || mailboxId == null) {
            throw new PermanentFailure(DeadLetterHeaders.MALFORMED_JSON, "notification payload lacks tenantId or mailboxId");
        }
        if (!message.key().equals(CalbridgeEvent.subjectOf(tenantId, mailboxId))) {
            throw new PermanentFailure("SUBJECT_MISMATCH", "key " + message.key() + " does not name " + tenantId + "/" + mailboxId);
        }
        return OutboxNotificationQueue.CHANGED.equals(type)
                ? new Notification.Changed(tenantId, mailboxId, subscriptionId, text(body, "changeType"), text(body, "eventId"),
                        receivedAt(body, message))
                : new Notification.Lifecycle(tenantId, mailboxId, subscriptionId, text(body, "lifecycleEvent"));
    }

    /** When the webhook received the notification: its {@code receivedAt}, else the record's {@code ce_time}, else now. */
    private static Instant receivedAt(JsonNode body, EventMessage message) {
        for (String value : new String[] {text(body, "receivedAt"), message.header(CloudEventHeaders.TIME)}) {
            if (value != null) {
                try {
                    return Instant.parse(value);
                } catch (DateTimeParseException e) {
                    // try the next one
                }
            }
        }
        return Instant.now();
    }

    private static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.path(field);
        return value.isString() && !value.stringValue().isBlank() ? value.stringValue() : null;
    }
}
