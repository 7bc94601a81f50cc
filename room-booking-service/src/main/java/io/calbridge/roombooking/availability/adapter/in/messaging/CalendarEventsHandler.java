package io.calbridge.roombooking.availability.adapter.in.messaging;

import io.calbridge.common.Topics;
import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.cloudevents.EventMessage;
import io.calbridge.common.events.MailboxKind;
import io.calbridge.common.events.calendar.CalendarEventChanged;
import io.calbridge.messaging.DeadLetterHeaders;
import io.calbridge.messaging.InboundEventHandler;
import io.calbridge.messaging.PermanentFailure;
import io.calbridge.roombooking.availability.application.IndexRoomCalendar;
import io.calbridge.roombooking.availability.domain.IndexedEvent;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code sync.calendar-events}: changes of room calendars feed the availability index; people's calendars
 * are ignored. Subjects are dropped here and never stored.
 */
@Component
public class CalendarEventsHandler implements InboundEventHandler {

    private final CloudEventCodec codec;
    private final IndexRoomCalendar index;

    public CalendarEventsHandler(CloudEventCodec codec, IndexRoomCalendar index) {
        this.codec = codec;
        this.index = index;
    }

    @Override
    public String topic() {
        return Topics.CALENDAR_EVENTS;
    }

    @Override
    public void handle(EventMessage message) {
        if (!(codec.decode(message) instanceof CalendarEventChanged e)) {
            throw new PermanentFailure(DeadLetterHeaders.UNKNOWN_TYPE, "Not a calendar event: " + message.header("ce_type"));
        }
        if (e.mailboxKind() != MailboxKind.ROOM) {
            return;
        }
        switch (e.change()) {
            case DELETED -> index.deleted(e.tenantId(), e.mailboxId(), e.eventId());
            case CREATED, UPDATED -> {
                var s = e.snapshot();
                index.present(new IndexedEvent(e.tenantId(), e.mailboxId(), e.eventId(), s.start(), s.end(),
                        s.showAs().name(), s.iCalUId(), IndexRoomCalendar.bookingIdOf(s.calbridgeTag()), s.changeKey()),
                        s.isCancelled());
            }
        }
    }
}
