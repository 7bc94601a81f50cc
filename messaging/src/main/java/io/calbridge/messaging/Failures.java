package io.calbridge.messaging;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Sorts a handler's exception into transient (retry) or permanent (dead-letter), and finds its reason code. */
final class Failures {

    private Failures() {
    }

    /** Whether a retry may succeed: a {@link TransientFailure} or a transient database problem anywhere in the cause chain. */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PermanentFailure) {
                return false;
            }
            if (t instanceof TransientFailure
                    || t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The exception that explains the failure, without the container's and the kernel's wrappers. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ListenerExecutionFailedException || t instanceof KernelRetry) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The dead-letter reason code for a failure that will not be retried (again). */
    static String reasonOf(Throwable failure) {
        Throwable cause = unwrap(failure);
        PermanentFailure permanent = find(cause, PermanentFailure.class);
        if (permanent != null) {
            return permanent.reason();
        }
        String codecReason = CodecReasons.reasonOf(cause);
        if (codecReason != null) {
            return codecReason;
        }
        return isTransient(cause) ? DeadLetterHeaders.RETRIES_EXHAUSTED : DeadLetterHeaders.HANDLER_ERROR;
    }

    static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /**
     * Marks a failure the kernel classified as transient, so that the error handler retries it; the original
     * exception is the cause.
     */
    static final class KernelRetry extends RuntimeException {
        KernelRetry(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
