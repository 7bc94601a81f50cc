package io.calbridge.messaging;

import io.calbridge.common.cloudevents.EventMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The test service's handler. Payload {@code {"tenant":"t1","seq":1,"failTimes":0}}: rejects malformed JSON and
 * tenant {@code unknown} permanently, fails {@code failTimes} times transiently, then writes a row to
 * {@code received} in the kernel's transaction and remembers the message once that transaction commits.
 */
class RecordingHandler implements InboundEventHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String topic;
    private final JdbcTemplate jdbc;
    private final List<EventMessage> committed = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    RecordingHandler(String topic, JdbcTemplate jdbc) {
        this.topic = topic;
        this.jdbc = jdbc;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public void handle(EventMessage message) {
        String ceId = message.header("ce_id");
        int attempt = attempts.merge(ceId, 1, Integer::sum);
        JsonNode json;
        try {
            json = JSON.readTree(message.payload());
        } catch (JacksonException e) {
            throw new PermanentFailure(DeadLetterHeaders.MALFORMED_JSON, "Payload is not JSON: " + e.getOriginalMessage(), e);
        }
        if ("unknown".equals(json.path("tenant").asString())) {
            throw new UnknownTenant("unknown");
        }
        if (attempt <= json.path("failTimes").asInt(0)) {
            throw new TransientFailure("Simulated outage, attempt " + attempt);
        }
        jdbc.update("INSERT INTO received (ce_id, msg_key, payload) VALUES (?, ?, ?)",
                ceId, message.key(), new String(message.payload(), StandardCharsets.UTF_8));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                committed.add(message);
            }
        });
    }

    /** Messages whose handling committed, in order. */
    List<EventMessage> committed() {
        return List.copyOf(committed);
    }

    /** How many times {@link #handle} was called for a ce_id (including calls that failed). */
    int attempts(String ceId) {
        return attempts.getOrDefault(ceId, 0);
    }
}
