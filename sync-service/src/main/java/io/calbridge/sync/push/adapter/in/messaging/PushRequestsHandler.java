package io.calbridge.sync.push.adapter.in.messaging;

import io.calbridge.common.Topics;
import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.cloudevents.EventMessage;
import io.calbridge.common.events.push.CalendarEventPushRequested;
import io.calbridge.common.events.push.CalendarEventPushRequested.Content;
import io.calbridge.messaging.DeadLetterHeaders;
import io.calbridge.messaging.InboundEventHandler;
import io.calbridge.messaging.PermanentFailure;
import io.calbridge.sync.push.application.ApplyPush;
import io.calbridge.sync.push.domain.EventContent;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Consumes {@code sync.pushes}; malformed requests and refusals go to the dead-letter topic with their reason. */
@Component
public class PushRequestsHandler implements InboundEventHandler {

    private final CloudEventCodec codec;
    private final ApplyPush applyPush;

    public PushRequestsHandler(CloudEventCodec codec, ApplyPush applyPush) {
        this.codec = codec;
        this.applyPush = applyPush;
    }

    @Override
    public String topic() {
        return Topics.PUSHES;
    }

    @Override
    public void handle(EventMessage message) {
        if (!(codec.decode(message) instanceof CalendarEventPushRequested p)) {
            throw new PermanentFailure(DeadLetterHeaders.UNKNOWN_TYPE, "Not a push request: " + message.header("ce_type"));
        }
        boolean delete = p.operation() == CalendarEventPushRequested.Operation.DELETE;
        applyPush.apply(new ApplyPush.Command(p.tenantId(), p.mailboxId(), p.externalId(), delete,
                delete ? null : content(p.content()), p.occurredAt(), p.correlationId()));
    }

    private static EventContent content(Content c) {
        return new EventContent(c.subject(), c.body(), c.start(), c.end(), c.isAllDay(), c.timeZone(), showAs(c.showAs()),
                c.location() == null ? null : c.location().displayName(), c.location() == null ? null : c.location().address(),
                c.attendees().stream().map(i -> new EventContent.Guest(i.participant().address(), i.participant().name(),
                        i.type().name().toLowerCase(Locale.ROOT))).toList(),
                c.categories());
    }

    private static String showAs(io.calbridge.common.events.calendar.ShowAs showAs) {
        return switch (showAs) {
            case FREE -> "free";
            case TENTATIVE -> "tentative";
            case BUSY -> "busy";
            case OUT_OF_OFFICE -> "oof";
            case WORKING_ELSEWHERE -> "workingElsewhere";
            case UNKNOWN -> "unknown";
        };
    }
}
