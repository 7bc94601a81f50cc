package io.calbridge.common.events.push;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.calbridge.common.events.Participant;
import io.calbridge.common.events.Require;
import io.calbridge.common.events.calendar.AttendeeType;
import io.calbridge.common.events.calendar.Location;
import io.calbridge.common.events.calendar.ShowAs;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * An external app asks sync to create or replace ({@code UPSERT}), or remove ({@code DELETE}), one event that
 * Calbridge owns in a connected mailbox's calendar. Sync tags the event with {@code externalId}, so it never
 * touches events people made, and applying the same request twice leaves one event.
 *
 * @param tenantId       Microsoft Entra tenant id of the organisation
 * @param mailboxId      Entra object id (GUID string) of the target mailbox; key is {@code tenantId/mailboxId}
 * @param mailboxAddress primary SMTP address of the target mailbox; {@code null} when the app only knows the id
 * @param externalId     the app's id for the event, unique within the mailbox; the idempotency key, and the
 *                       value of Calbridge's tag on the calendar event
 * @param operation      whether to write or remove the event
 * @param content        the event to write; required for {@code UPSERT}, {@code null} for {@code DELETE}
 * @param occurredAt     when the app made the request (UTC); a request older than the last applied one for
 *                       the same {@code externalId} is ignored
 * @param correlationId  the app's request id, copied onto the resulting {@code CalendarEventChanged};
 *                       {@code null} when the app sends none
 */
public record CalendarEventPushRequested(
        String tenantId,
        String mailboxId,
        String mailboxAddress,
        String externalId,
        Operation operation,
        Content content,
        Instant occurredAt,
        String correlationId) implements PushEvent {

    public CalendarEventPushRequested {
        Require.id(tenantId, "tenantId");
        Require.id(mailboxId, "mailboxId");
        Require.optionalAddress(mailboxAddress, "mailboxAddress");
        Require.text(externalId, "externalId");
        Require.present(operation, "operation");
        switch (operation) {
            case UPSERT -> Require.present(content, "content");
            case DELETE -> {
                if (content != null) {
                    throw new IllegalArgumentException("content must be absent when operation is DELETE");
                }
            }
        }
        Require.present(occurredAt, "occurredAt");
        Require.optionalText(correlationId, "correlationId");
    }

    /** What to do with the Calbridge-owned event. */
    public enum Operation {
        /** Create the event, or replace every field of the one already written for {@code externalId}. */
        UPSERT,
        /** Remove the event written for {@code externalId}; removing one that does not exist is not an error. */
        DELETE
    }

    /**
     * The calendar event to write; every instant is UTC.
     *
     * @param subject   the event's title line; {@code null} for none
     * @param body      plain-text description; {@code null} for none
     * @param start     when the event starts
     * @param end       when the event ends; after {@code start}
     * @param isAllDay  whether the event spans whole days; {@code start} and {@code end} must then be midnights
     *                  in {@code timeZone}
     * @param timeZone  IANA time zone (such as {@code Europe/Berlin}) the event is shown in and whose midnights
     *                  bound an all-day event; {@code null} means the mailbox's own time zone
     * @param showAs    how the event blocks the owner's time
     * @param location  where it takes place; {@code null} for none
     * @param attendees  people and resources to invite; empty to send no invitations, never {@code null}
     * @param categories Outlook category names to put on the event (Graph {@code event.categories}), each a
     *                   non-blank string. Optional, added in a minor version: {@code null} (the field absent, which
     *                   is also how it is written then) means "no categories" when the event is created and "leave
     *                   the categories as they are" when an existing event is replaced; an empty list removes them
     */
    public record Content(
            String subject,
            String body,
            Instant start,
            Instant end,
            @JsonProperty(required = true) boolean isAllDay,
            String timeZone,
            ShowAs showAs,
            Location location,
            List<Invitee> attendees,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> categories) {

        public Content {
            Require.optionalText(subject, "content.subject");
            Require.interval(start, end, "content.start", "content.end");
            Require.optionalText(timeZone, "content.timeZone");
            if (timeZone != null) {
                try {
                    ZoneId.of(timeZone);
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("content.timeZone must be an IANA time zone id, got '" + timeZone + "'", e);
                }
            }
            Require.present(showAs, "content.showAs");
            attendees = Require.list(attendees, "content.attendees");
            if (categories != null) {
                categories = Require.list(categories, "content.categories");
                for (int i = 0; i < categories.size(); i++) {
                    Require.text(categories.get(i), "content.categories[" + i + "]");
                }
            }
        }

        /** Content without categories, as written before the field existed: categories are left as they are. */
        public Content(String subject, String body, Instant start, Instant end, boolean isAllDay, String timeZone,
                       ShowAs showAs, Location location, List<Invitee> attendees) {
            this(subject, body, start, end, isAllDay, timeZone, showAs, location, attendees, null);
        }
    }

    /**
     * One person or resource to invite.
     *
     * @param participant who to invite
     * @param type        how to invite them
     */
    public record Invitee(Participant participant, AttendeeType type) {

        public Invitee {
            Require.present(participant, "invitee.participant");
            Require.present(type, "invitee.type");
        }
    }
}
