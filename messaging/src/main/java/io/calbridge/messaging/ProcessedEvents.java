package io.calbridge.messaging;

import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code processed_events} table: which {@code ce_id}s a consumer group has already handled. */
final class ProcessedEvents {

    private final JdbcTemplate jdbc;

    ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that the group handles {@code ceId}, in the caller's transaction.
     *
     * @return false when the group had already recorded it (a redelivery). A concurrent insert of the same id by
     *     another consumer waits for that transaction and then returns false, or true if it rolled back.
     */
    boolean markProcessed(String group, String ceId) {
        return jdbc.update(
                "INSERT INTO processed_events (consumer_group, ce_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                group, ceId) == 1;
    }
}
