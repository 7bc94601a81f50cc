package io.calbridge.bench.outbox;

import io.calbridge.common.cloudevents.EventMessage;
import io.calbridge.messaging.InboundEventHandler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Records when the kernel's consumer transaction for each {@code ce_id} committed ({@link System#nanoTime()}). */
final class TimingHandler implements InboundEventHandler {

    private final String topic;
    private final Map<String, Long> committedAt = new ConcurrentHashMap<>();

    TimingHandler(String topic) {
        this.topic = topic;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public void handle(EventMessage message) {
        String ceId = message.header("ce_id");
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                committedAt.putIfAbsent(ceId, System.nanoTime());
            }
        });
    }

    int count() {
        return committedAt.size();
    }

    Long committedAt(String ceId) {
        return committedAt.get(ceId);
    }

    long lastCommit() {
        return committedAt.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
