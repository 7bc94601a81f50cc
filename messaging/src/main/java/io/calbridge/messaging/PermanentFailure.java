package io.calbridge.messaging;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message that can never be processed, whatever the number of attempts: the kernel sends it to the
 * dead-letter topic at once, with {@link #reason()} in {@link DeadLetterHeaders#REASON}, and carries on with the
 * next message. Throw it (or a subclass) from a decoder or an {@link InboundEventHandler}.
 */
public class PermanentFailure extends RuntimeException {

    private final String reason;

    /**
     * @param reason  stable machine-readable code, e.g. {@link DeadLetterHeaders#MALFORMED_JSON}
     * @param message what was wrong with this message, for people
     */
    public PermanentFailure(String reason, String message) {
        this(reason, message, null);
    }

    public PermanentFailure(String reason, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The stable reason code that goes into {@link DeadLetterHeaders#REASON}. */
    public String reason() {
        return reason;
    }
}
