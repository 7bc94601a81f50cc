package io.calbridge.common.events.calendar;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.calbridge.common.events.MailboxKind;
import io.calbridge.common.events.Participant;
import io.calbridge.common.events.Require;
import java.time.Instant;
import java.util.List;

/**
 * An event in a connected mailbox's calendar was created, updated or deleted, as sync learned from Graph
 * (delta query, change notification or reconciliation). Consumers may see the same state twice and must
 * treat {@code snapshot.changeKey} as the version.
 *
 * @param tenantId       Microsoft Entra tenant id of the organisation
 * @param mailboxId      Entra object id (GUID string) of the mailbox; key is {@code tenantId/mailboxId}
 * @param mailboxAddress primary SMTP address of the mailbox
 * @param mailboxKind    whether the calendar is a person's or a room's
 * @param change         what happened to the event
 * @param eventId        Graph immutable id of the event in this mailbox (ids are requested with
 *                       {@code Prefer: IdType="ImmutableId"}, so they survive moves between folders)
 * @param snapshot       the event's state after the change; required for {@code CREATED} and {@code UPDATED},
 *                       {@code null} for {@code DELETED} because Graph reports only the id of a removed event
 * @param occurredAt     when sync observed the change (UTC), not when the user made it; see
 *                       {@code snapshot.lastModified} for that
 * @param correlationId  the {@code correlationId} of the {@code CalendarEventPushRequested} or booking that
 *                       caused the change when Calbridge made it; {@code null} for changes made by people
 */
public record CalendarEventChanged(
        String tenantId,
        String mailboxId,
        String mailboxAddress,
        MailboxKind mailboxKind,
        ChangeType change,
        String eventId,
        Snapshot snapshot,
        Instant occurredAt,
        String correlationId) implements CalendarEvent {

    public CalendarEventChanged {
        Require.id(tenantId, "tenantId");
        Require.id(mailboxId, "mailboxId");
        Require.address(mailboxAddress, "mailboxAddress");
        Require.present(mailboxKind, "mailboxKind");
        Require.present(change, "change");
        Require.text(eventId, "eventId");
        if (change == ChangeType.DELETED) {
            if (snapshot != null) {
                throw new IllegalArgumentException("snapshot must be absent when change is DELETED");
            }
        } else {
            Require.present(snapshot, "snapshot");
        }
        Require.present(occurredAt, "occurredAt");
        Require.optionalText(correlationId, "correlationId");
    }

    /** What happened to a calendar event. */
    public enum ChangeType {
        /** The event appeared in the calendar. */
        CREATED,
        /** Some field of the event changed. */
        UPDATED,
        /** The event was removed from the calendar (not merely cancelled: see {@link Snapshot#isCancelled()}). */
        DELETED
    }

    /**
     * A calendar event's state as Graph returned it with {@code Prefer: outlook.timezone="UTC"}; every instant
     * is UTC.
     *
     * @param subject      the event's title line, as Graph's {@code subject}; {@code null} when empty or hidden
     *                     by the calendar's privacy settings (a room calendar may show the organizer's name)
     * @param start        when the event starts
     * @param end          when the event ends; never before {@code start}
     * @param isAllDay     whether the event spans whole days; {@code start} and {@code end} are then midnights
     *                     in the mailbox's time zone, expressed in UTC
     * @param showAs       how the event blocks the owner's time
     * @param isCancelled  whether the organizer cancelled the meeting while it stays in this calendar
     * @param ownResponse  the mailbox owner's own answer to the event; {@code ORGANIZER} when they organised it
     * @param organizer    who organised the event; {@code null} when Graph reports none
     * @param attendees    invitees with their answers; empty for an event with none, never {@code null}
     * @param location     where it takes place; {@code null} when none is set
     * @param recurrence   where the event stands in a recurring series
     * @param iCalUId      the iCalendar UID, the same for every attendee's copy of one meeting (for an
     *                     occurrence, unique to that occurrence)
     * @param changeKey    Graph's version of the event; changes on every update
     * @param lastModified when the event was last changed in Exchange
     * @param calbridgeTag the value of Calbridge's own extended property on events Calbridge wrote (the push's
     *                     {@code externalId} or the booking id); {@code null} on events people made
     */
    public record Snapshot(
            String subject,
            Instant start,
            Instant end,
            @JsonProperty(required = true) boolean isAllDay,
            ShowAs showAs,
            @JsonProperty(required = true) boolean isCancelled,
            ResponseStatus ownResponse,
            Participant organizer,
            List<Attendee> attendees,
            Location location,
            Recurrence recurrence,
            String iCalUId,
            String changeKey,
            Instant lastModified,
            String calbridgeTag) {

        public Snapshot {
            Require.present(start, "snapshot.start");
            Require.present(end, "snapshot.end");
            if (end.isBefore(start)) {
                throw new IllegalArgumentException("snapshot.end (" + end + ") must not be before snapshot.start (" + start + ")");
            }
            Require.present(showAs, "snapshot.showAs");
            Require.present(ownResponse, "snapshot.ownResponse");
            attendees = Require.list(attendees, "snapshot.attendees");
            Require.present(recurrence, "snapshot.recurrence");
            Require.text(iCalUId, "snapshot.iCalUId");
            Require.text(changeKey, "snapshot.changeKey");
            Require.present(lastModified, "snapshot.lastModified");
            Require.optionalText(calbridgeTag, "snapshot.calbridgeTag");
        }
    }
}
