package io.calbridge.common.events;

/**
 * Any event Calbridge puts on Kafka. Each topic has one sealed sub-interface listing its event records,
 * so consumers of a topic can {@code switch} over it exhaustively.
 *
 * <p>Every event record checks its fields in its compact constructor: a missing required field throws
 * {@link NullPointerException} and a value that breaks an invariant throws {@link IllegalArgumentException},
 * each with a message naming the field ({@code "tenantId is required"}). The codec reports both as
 * {@code INVALID_FIELD}. Optional fields are {@code null} when absent; lists are never {@code null}.
 *
 * <p>This interface is not sealed: the per-topic interfaces live in their own packages, and the JVM allows
 * a sealed hierarchy across packages only inside a named module.
 */
public interface CalbridgeEvent {

    /** The tenant (organisation) the event belongs to: its Microsoft Entra tenant id. Never null. */
    String tenantId();

    /**
     * The Kafka record key and CloudEvents {@code ce_subject}: {@code tenantId/<id>} where the id is the one
     * whose events must stay in order (user, mailbox or room, per the topic table). Never null.
     */
    String subject();

    /** The topic this event is published on, one of {@link io.calbridge.common.Topics}. */
    String topic();

    /**
     * Ties this event to the request or earlier event that caused it, copied into the {@code ce_correlationid}
     * header. {@code null} when there is no such cause.
     */
    String correlationId();

    /** Joins a tenant id and an entity id into a key and {@code ce_subject}: {@code tenantId/id}. */
    static String subjectOf(String tenantId, String id) {
        return tenantId + "/" + id;
    }
}
