package io.calbridge.sync.calendar.application;

import io.calbridge.sync.calendar.domain.Mailbox;
import io.calbridge.sync.calendar.domain.SyncState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Connected mailboxes and their delta state. */
public interface Mailboxes {

    /** Records a mailbox as connected; an already connected one keeps its delta state. */
    void connect(Mailbox mailbox, Instant at);

    Optional<Mailbox> find(String tenantId, String mailboxId);

    /** The delta state, locking the mailbox's row until the transaction ends; empty when not connected. */
    Optional<SyncState> lockState(String tenantId, String mailboxId);

    /** The delta state without locking; empty when not connected. */
    Optional<SyncState> state(String tenantId, String mailboxId);

    void saveState(String tenantId, String mailboxId, SyncState state, Instant at);

    /** Notes why the last run failed (null clears it). */
    void recordError(String tenantId, String mailboxId, String error);

    /** Forgets the mailbox; false when it was not connected. */
    boolean delete(String tenantId, String mailboxId);

    /** Every connected mailbox, for the safety sweep. */
    List<Mailbox> all();
}
