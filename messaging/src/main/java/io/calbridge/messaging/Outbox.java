package io.calbridge.messaging;

import io.calbridge.common.cloudevents.EventMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends events to the transactional outbox, so that a service's state change and the events describing it
 * commit or roll back together; the {@link OutboxRelay} publishes them to Kafka afterwards, at least once and in
 * order per topic and key.
 *
 * <p>{@link #append} must run inside the caller's transaction on the application's {@code DataSource}
 * (Propagation.MANDATORY semantics): without one it fails fast rather than publishing an event for a change that
 * may never commit.
 *
 * <p>Ordering: appends for the same topic and key take a transaction-scoped PostgreSQL advisory lock, so two
 * transactions writing events for one key serialize, and the relay (which publishes committed rows in id order)
 * can never see the later one without the earlier one. The lock is held until the caller's transaction ends;
 * append events for several keys in a consistent order to avoid deadlocks.
 */
public class Outbox {

    /** First key of the two-key advisory locks taken per (topic, key); the relay uses the single-key space. */
    static final int KEY_LOCK_SPACE = 0x0CA1B0;

    private final JdbcTemplate jdbc;

    public Outbox(JdbcTemplate jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    }

    /**
     * Adds one event to the outbox in the caller's transaction.
     *
     * <p>The row's headers get a W3C {@code traceparent} ({@link TraceContext#HEADER}) when the message has none: a
     * child of the trace current on this thread, or a new trace, so the consumers continue it.
     *
     * @param message the event as it will appear on Kafka: topic, key, headers and payload
     * @return the outbox row id; ids grow with every append and are the relay's publishing order
     * @throws IllegalTransactionStateException when no transaction is active
     */
    public long append(EventMessage message) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(
                    "Outbox.append needs the caller's transaction (Propagation.MANDATORY): no transaction is active"
                            + " for an event to " + message.topic());
        }
        // '|' cannot occur in a Kafka topic name, so (topic, key) maps to one lock string.
        jdbc.query("SELECT pg_advisory_xact_lock(?, hashtext(? || '|' || ?))",
                rs -> null, KEY_LOCK_SPACE, message.topic(), message.key());
        Long id = jdbc.queryForObject(
                "INSERT INTO outbox (topic, msg_key, headers, payload) VALUES (?, ?, ?::jsonb, ?) RETURNING id",
                Long.class, message.topic(), message.key(), HeaderJson.write(traced(message.headers())), message.payload());
        return Objects.requireNonNull(id, "outbox id");
    }

    private static Map<String, String> traced(Map<String, String> headers) {
        if (headers.containsKey(TraceContext.HEADER)) {
            return headers;
        }
        Map<String, String> traced = new HashMap<>(headers);
        TraceContext publish = TraceContext.current().map(TraceContext::child).orElseGet(TraceContext::newTrace);
        traced.put(TraceContext.HEADER, publish.traceparent());
        return traced;
    }
}
