package io.calbridge.common.events;

/**
 * A person or resource as it appears on a calendar event: an SMTP address with an optional display name.
 * External participants have no Entra object id, so the address is the identity.
 *
 * @param address SMTP address
 * @param name    display name as the calendar shows it; {@code null} when the calendar has none
 */
public record Participant(String address, String name) {

    public Participant {
        Require.address(address, "participant.address");
        Require.optionalText(name, "participant.name");
    }
}
