package io.calbridge.sync.calendar.application;

/** Graph no longer knows the delta or skip token: the round must start again from an initial request. */
public class DeltaExpired extends RuntimeException {

    public DeltaExpired(String message) {
        super(message);
    }
}
