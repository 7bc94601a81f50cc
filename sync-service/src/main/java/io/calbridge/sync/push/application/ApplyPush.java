package io.calbridge.sync.push.application;

import io.calbridge.common.CalbridgeTag;
import io.calbridge.graph.GraphFailure;
import io.calbridge.messaging.PermanentFailure;
import io.calbridge.messaging.TransientFailure;
import io.calbridge.service.tenants.TenantRegistry;
import io.calbridge.sync.calendar.application.CalendarItems;
import io.calbridge.sync.calendar.application.Mailboxes;
import io.calbridge.sync.push.domain.EventContent;
import io.calbridge.sync.push.domain.PushedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a push request in the consumer's transaction, idempotently: an upsert creates the event once (with a
 * {@code transactionId} derived from the external id and the tag {@code push:<externalId>}), patches it when the
 * content changed and does nothing when it did not; a delete removes it. Only events recorded as written by
 * Calbridge are ever modified or deleted. Refusals are dead-lettered with a reason; throttling is retried.
 */
public class ApplyPush {

    private static final Logger log = LoggerFactory.getLogger(ApplyPush.class);

    /** A request to write or remove the event an external app owns. */
    public record Command(String tenantId, String mailboxId, String externalId, boolean delete, EventContent content,
                          Instant occurredAt, String correlationId) {}

    /** What applying a request did. */
    public enum Result { CREATED, UPDATED, UNCHANGED, DELETED, ALREADY_ABSENT, STALE }

    private final TenantRegistry tenants;
    private final Mailboxes mailboxes;
    private final PushedEvents pushed;
    private final PushCalendar calendar;
    private final CalendarItems items;
    private final Clock clock;

    public ApplyPush(TenantRegistry tenants, Mailboxes mailboxes, PushedEvents pushed, PushCalendar calendar,
                     CalendarItems items, Clock clock) {
        this.tenants = tenants;
        this.mailboxes = mailboxes;
        this.pushed = pushed;
        this.calendar = calendar;
        this.items = items;
        this.clock = clock;
    }

    public Result apply(Command c) {
        tenants.require(c.tenantId());
        if (mailboxes.find(c.tenantId(), c.mailboxId()).isEmpty()) {
            throw new PermanentFailure("MAILBOX_NOT_CONNECTED",
                    "Mailbox " + c.mailboxId() + " of tenant " + c.tenantId() + " is not connected to Calbridge");
        }
        Optional<PushedEvent> existing = pushed.find(c.tenantId(), c.mailboxId(), c.externalId());
        if (existing.isPresent() && c.occurredAt().isBefore(existing.get().lastOccurredAt())) {
            log.info("Push {} for {}/{} ignored: older than the last one applied", c.externalId(), c.tenantId(), c.mailboxId());
            return Result.STALE;
        }
        Result result = c.delete() ? delete(c, existing.orElse(null)) : upsert(c, existing.orElse(null));
        log.info("Push {} for {}/{}: {}", c.externalId(), c.tenantId(), c.mailboxId(), result);
        return result;
    }

    private Result upsert(Command c, PushedEvent existing) {
        String hash = c.content().hash();
        boolean live = existing != null && !existing.deleted() && existing.graphEventId() != null;
        if (live && hash.equals(existing.contentHash())) {
            save(c, existing.graphEventId(), existing.transactionId(), hash, false, false);
            return Result.UNCHANGED;
        }
        String tag = CalbridgeTag.PUSH_PREFIX + c.externalId();
        if (live) {
            try {
                graph(() -> {
                    calendar.update(c.tenantId(), c.mailboxId(), existing.graphEventId(), c.content());
                    return null;
                });
                save(c, existing.graphEventId(), existing.transactionId(), hash, false, true);
                return Result.UPDATED;
            } catch (GraphFailure.NotFound gone) {
                log.info("Pushed event {} was deleted in the calendar; creating it again", c.externalId());
            }
        }
        // A first create uses the id derived from the external id alone; a re-create (after a delete) adds the
        // request's time, so Graph does not hand back the event that is gone, while a redelivery stays idempotent.
        String seed = c.tenantId() + "/" + c.mailboxId() + "/" + c.externalId()
                + (existing == null ? "" : "#" + c.occurredAt().toEpochMilli());
        String transactionId = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
        String graphId = graph(() -> calendar.create(c.tenantId(), c.mailboxId(), c.content(), transactionId, tag));
        save(c, graphId, transactionId, hash, false, true);
        items.saveTags(c.tenantId(), c.mailboxId(), Map.of(graphId, tag));
        return Result.CREATED;
    }

    private Result delete(Command c, PushedEvent existing) {
        if (existing == null || existing.deleted() || existing.graphEventId() == null) {
            save(c, existing == null ? null : existing.graphEventId(), existing == null ? "-" : existing.transactionId(), null, true, false);
            return Result.ALREADY_ABSENT;
        }
        graph(() -> {
            calendar.delete(c.tenantId(), c.mailboxId(), existing.graphEventId());
            return null;
        });
        save(c, existing.graphEventId(), existing.transactionId(), null, true, true);
        return Result.DELETED;
    }

    private void save(Command c, String graphId, String transactionId, String hash, boolean deleted, boolean wrote) {
        pushed.save(new PushedEvent(c.tenantId(), c.mailboxId(), c.externalId(), graphId, transactionId, hash, deleted,
                c.occurredAt(), c.correlationId()), clock.instant(), wrote);
    }

    /** Runs one Graph write and turns refusals into dead letters with a reason, throttling into a retry. */
    private static <T> T graph(Supplier<T> call) {
        try {
            return call.get();
        } catch (GraphFailure.NotFound e) {
            throw e;
        } catch (GraphFailure.AccessDenied | GraphFailure.PermissionMissing e) {
            throw new PermanentFailure("MAILBOX_OUT_OF_SCOPE", "Graph refused access to the mailbox: " + e.getMessage(), e);
        } catch (GraphFailure.Throttled | GraphFailure.Transient | GraphFailure.CircuitOpen e) {
            throw new TransientFailure("Graph unavailable for the push: " + e.getMessage(), e);
        } catch (GraphFailure.BadRequest | GraphFailure.Rejected e) {
            throw new PermanentFailure("GRAPH_REJECTED", "Graph rejected the event: " + e.getMessage(), e);
        } catch (GraphFailure.CredentialInvalid | GraphFailure.CredentialExpired e) {
            throw new PermanentFailure("CREDENTIAL_REJECTED", "The tenant's credential was refused: " + e.getMessage(), e);
        }
    }
}
