package io.calbridge.sync.push.domain;

import java.time.Instant;

/**
 * What Calbridge wrote for one external id in one mailbox.
 *
 * @param graphEventId   the Graph id of the event Calbridge created (kept after a delete, for correlation)
 * @param transactionId  the {@code transactionId} the event was created with, derived from the external id
 * @param contentHash    digest of the content last written; null once deleted
 * @param deleted        whether the last request removed it
 * @param lastOccurredAt {@code occurredAt} of the last request applied; older requests are ignored
 */
public record PushedEvent(String tenantId, String mailboxId, String externalId, String graphEventId, String transactionId,
                          String contentHash, boolean deleted, Instant lastOccurredAt, String correlationId) {
}
