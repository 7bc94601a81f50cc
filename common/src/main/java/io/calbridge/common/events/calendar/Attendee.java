package io.calbridge.common.events.calendar;

import io.calbridge.common.events.Participant;
import io.calbridge.common.events.Require;

/**
 * One invitee of a calendar event and the answer they gave.
 *
 * @param participant who was invited
 * @param type        how they were invited
 * @param response    their answer as the calendar owner's copy of the event shows it
 */
public record Attendee(Participant participant, AttendeeType type, ResponseStatus response) {

    public Attendee {
        Require.present(participant, "attendee.participant");
        Require.present(type, "attendee.type");
        Require.present(response, "attendee.response");
    }
}
