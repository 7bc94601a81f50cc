package io.calbridge.common.events.calendar;

import io.calbridge.common.events.Require;

/**
 * Where an event takes place, as Graph's {@code location}.
 *
 * @param displayName the location as people read it, such as a room name or a street address
 * @param address     SMTP address of the room mailbox when the location is a room; {@code null} otherwise
 */
public record Location(String displayName, String address) {

    public Location {
        Require.text(displayName, "location.displayName");
        Require.optionalAddress(address, "location.address");
    }
}
