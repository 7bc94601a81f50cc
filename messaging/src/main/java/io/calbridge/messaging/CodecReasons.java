package io.calbridge.messaging;

import io.calbridge.common.cloudevents.InvalidEventException;
import org.jspecify.annotations.Nullable;

/** Reason codes of the CloudEvents codec's rejections ({@link InvalidEventException.Reason} names). */
final class CodecReasons {

    private CodecReasons() {
    }

    /** The codec's reason name when {@code failure} (or a cause) is a codec rejection, else null. */
    static @Nullable String reasonOf(Throwable failure) {
        InvalidEventException invalid = Failures.find(failure, InvalidEventException.class);
        return invalid == null ? null : invalid.reason().name();
    }
}
