package io.calbridge.sync.calendar.domain;

import java.util.Objects;

/** Someone on an event: SMTP address and display name (null when none). */
public record Person(String address, String name) {

    public Person {
        Objects.requireNonNull(address, "address");
    }
}
