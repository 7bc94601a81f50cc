package io.calbridge.roombooking.booking.application;

import java.util.function.Supplier;

/** Runs work in one database transaction, so state changes and outbox rows commit together. */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
