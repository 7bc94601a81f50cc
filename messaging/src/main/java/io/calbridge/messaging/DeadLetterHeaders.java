package io.calbridge.messaging;

import io.calbridge.common.Topics;

/**
 * What a dead letter on {@code <topic>.<group>.dlq} carries besides the original record: the original key,
 * payload and headers unchanged, plus the headers below (UTF-8 strings).
 *
 * <p>The reason codes are stable and machine-readable. A handler's own {@link PermanentFailure} may use any
 * code; the kernel's codes are the constants below, and a codec rejection ({@code InvalidEventException})
 * uses the name of its {@code Reason}, e.g. {@code MALFORMED_JSON}, {@code UNKNOWN_TYPE}.
 */
public final class DeadLetterHeaders {

    /** Stable reason code, e.g. {@value #MALFORMED_JSON}. */
    public static final String REASON = "dlq_reason";
    /** Human-readable description of this occurrence (the exception message, at most 1,000 characters). */
    public static final String MESSAGE = "dlq_message";
    /** Fully qualified class name of the exception that rejected the record. */
    public static final String EXCEPTION = "dlq_exception";
    /** Topic the record was read from. */
    public static final String SOURCE_TOPIC = "dlq_source_topic";
    /** Partition the record was read from, decimal. */
    public static final String SOURCE_PARTITION = "dlq_source_partition";
    /** Offset of the record in that partition, decimal. */
    public static final String SOURCE_OFFSET = "dlq_source_offset";
    /** Consumer group that rejected the record. */
    public static final String CONSUMER_GROUP = "dlq_consumer_group";
    /** When the record was dead-lettered, ISO-8601 UTC instant. */
    public static final String FAILED_AT = "dlq_failed_at";

    /** A header the kernel or the decoder needs ({@code ce_id}, {@code ce_type}, …) is absent or blank. */
    public static final String MISSING_HEADER = "MISSING_HEADER";
    /** The record has no key. */
    public static final String MISSING_KEY = "MISSING_KEY";
    /** The payload is not the JSON the handler expects. */
    public static final String MALFORMED_JSON = "MALFORMED_JSON";
    /** The {@code ce_type} is not one the consumer knows. */
    public static final String UNKNOWN_TYPE = "UNKNOWN_TYPE";
    /** The event names a tenant this service does not know. */
    public static final String UNKNOWN_TENANT = "UNKNOWN_TENANT";
    /** A transient failure persisted through every retry. */
    public static final String RETRIES_EXHAUSTED = "RETRIES_EXHAUSTED";
    /** The handler failed with an exception the kernel does not classify (usually a bug). */
    public static final String HANDLER_ERROR = "HANDLER_ERROR";

    private DeadLetterHeaders() {
    }

    /** The dead-letter topic of one consumer binding: {@code <topic>.<group>.dlq}, as {@link Topics#dlq}. */
    public static String topicFor(String topic, String group) {
        return Topics.dlq(topic, group);
    }
}
