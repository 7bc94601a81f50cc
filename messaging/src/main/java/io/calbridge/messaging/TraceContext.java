package io.calbridge.messaging;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * A W3C Trace Context ({@code traceparent}: {@code 00-<trace-id>-<parent-id>-<flags>}) and the one current on this
 * thread. A trace begins at an HTTP request or at an inbound event without a {@code traceparent}; it continues
 * through the outbox, which stores the {@code traceparent} with each row, into the Kafka record's headers, and into
 * the consumer's handling of that record. While a context is current, the MDC holds {@value #TRACE_ID_KEY} and
 * {@value #SPAN_ID_KEY}, so every log line written for the trace carries its id.
 *
 * <p>No spans are recorded or exported: the ids only correlate logs and events across services.
 *
 * @param traceId 32 lowercase hex digits, not all zero
 * @param spanId  16 lowercase hex digits, not all zero: the span of this service's work
 * @param sampled the {@code sampled} flag received, or {@code true} for a trace begun here
 */
public record TraceContext(String traceId, String spanId, boolean sampled) {

    /** The W3C header, on HTTP requests and Kafka records alike. */
    public static final String HEADER = "traceparent";
    /** MDC key of the trace id (the name Spring Boot and Micrometer Tracing use). */
    public static final String TRACE_ID_KEY = "traceId";
    /** MDC key of the span id. */
    public static final String SPAN_ID_KEY = "spanId";

    private static final ThreadLocal<@Nullable TraceContext> CURRENT = new ThreadLocal<>();
    private static final HexFormat HEX = HexFormat.of();

    public TraceContext {
        if (!isHex(traceId, 32) || !isHex(spanId, 16)) {
            throw new IllegalArgumentException("Not a W3C trace id / span id: " + traceId + " / " + spanId);
        }
    }

    /** A new trace with a new span. */
    public static TraceContext newTrace() {
        return new TraceContext(randomHex(16), randomHex(8), true);
    }

    /**
     * The context a {@code traceparent} header describes (its parent id as {@link #spanId()}), or empty when the
     * value is missing or malformed.
     */
    public static Optional<TraceContext> parse(@Nullable String traceparent) {
        if (traceparent == null) {
            return Optional.empty();
        }
        String[] parts = traceparent.strip().split("-");
        if (parts.length < 4 || !isHex(parts[0], 2) || parts[0].equals("ff") || (parts[0].equals("00") && parts.length != 4)
                || !isHex(parts[3], 2) || !isHex(parts[1], 32) || !isHex(parts[2], 16)) {
            return Optional.empty();
        }
        return Optional.of(new TraceContext(parts[1], parts[2], (HexFormat.fromHexDigits(parts[3]) & 1) == 1));
    }

    /** The same trace with a new span, for work done on behalf of this one. */
    public TraceContext child() {
        return new TraceContext(traceId, randomHex(8), sampled);
    }

    /** This context as a {@code traceparent} value, naming {@link #spanId()} as the parent. */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    /** The context current on this thread, if any. */
    public static Optional<TraceContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Makes a child of the {@code traceparent}'s context current, or a new trace when the value is missing or
     * malformed; the returned scope restores what was current before.
     */
    public static Scope continueOrStart(@Nullable String traceparent) {
        return parse(traceparent).map(TraceContext::child).orElseGet(TraceContext::newTrace).makeCurrent();
    }

    /** Makes this context current on this thread (and in the MDC) until the scope is closed. */
    public Scope makeCurrent() {
        TraceContext previous = CURRENT.get();
        set(this);
        return new Scope(this, previous);
    }

    private static void set(@Nullable TraceContext context) {
        if (context == null) {
            CURRENT.remove();
            MDC.remove(TRACE_ID_KEY);
            MDC.remove(SPAN_ID_KEY);
        } else {
            CURRENT.set(context);
            MDC.put(TRACE_ID_KEY, context.traceId());
            MDC.put(SPAN_ID_KEY, context.spanId());
        }
    }

    private static boolean isHex(String value, int length) {
        if (value.length() != length) {
            return false;
        }
        boolean nonZero = false;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
            nonZero |= c != '0';
        }
        return nonZero || length == 2;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(random);
        } while (isZero(random));
        return HEX.formatHex(random);
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * While open, its context is current on the thread that opened it; closing restores the previous one.
     *
     * @param context  the context made current
     * @param previous what was current before, restored on close
     */
    public record Scope(TraceContext context, @Nullable TraceContext previous) implements AutoCloseable {

        @Override
        public void close() {
            set(previous);
        }
    }
}
