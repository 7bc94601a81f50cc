package io.calbridge.sync.push.application;

import io.calbridge.sync.push.domain.PushedEvent;
import java.time.Instant;
import java.util.Optional;

/** The durable map from external id to the Graph event Calbridge wrote for it. */
public interface PushedEvents {

    Optional<PushedEvent> find(String tenantId, String mailboxId, String externalId);

    /**
     * @param wroteToGraph whether this request changed the calendar; its correlation id then waits for the change
     *                     that sync will report
     */
    void save(PushedEvent event, Instant at, boolean wroteToGraph);
}
