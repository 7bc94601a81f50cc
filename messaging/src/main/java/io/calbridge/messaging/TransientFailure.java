package io.calbridge.messaging;

import org.jspecify.annotations.Nullable;

/**
 * A failure that may go away on its own (a dependency is down, a lock timed out): the kernel retries the message
 * with back-off ({@code calbridge.messaging.consumer.*-backoff}, {@code max-retries}) and dead-letters it as
 * {@link DeadLetterHeaders#RETRIES_EXHAUSTED} only when every retry failed. The handler's transaction is rolled
 * back before each retry, so the message's {@code ce_id} is not marked as processed.
 *
 * <p>The kernel also treats Spring's transient data-access and transaction-creation exceptions and
 * {@link java.sql.SQLTransientException} / {@link java.sql.SQLRecoverableException} as transient; everything else
 * is permanent.
 */
public class TransientFailure extends RuntimeException {

    public TransientFailure(String message) {
        super(message);
    }

    public TransientFailure(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
