package io.calbridge.sync.calendar.domain;

import java.util.Objects;

/**
 * An attendee with their answer.
 *
 * @param type     Graph's attendee type: {@code required}, {@code optional} or {@code resource}
 * @param response Graph's response: {@code none}, {@code organizer}, {@code tentativelyAccepted}, {@code accepted},
 *                 {@code declined} or {@code notResponded}
 */
public record Invitee(Person person, String type, String response) {

    public Invitee {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(response, "response");
    }
}
