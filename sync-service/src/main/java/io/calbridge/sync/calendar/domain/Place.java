package io.calbridge.sync.calendar.domain;

import java.util.Objects;

/** Where an event takes place; {@code address} is a room mailbox's SMTP address or null. */
public record Place(String displayName, String address) {

    public Place {
        Objects.requireNonNull(displayName, "displayName");
    }
}
