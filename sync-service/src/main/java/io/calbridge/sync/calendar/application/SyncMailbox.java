package io.calbridge.sync.calendar.application;

import io.calbridge.sync.calendar.domain.CalendarItem;
import io.calbridge.sync.calendar.domain.Change;
import io.calbridge.sync.calendar.domain.DeltaPage;
import io.calbridge.sync.calendar.domain.Mailbox;
import io.calbridge.sync.calendar.domain.StoredItem;
import io.calbridge.sync.calendar.domain.SyncState;
import io.calbridge.sync.calendar.domain.SyncWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one delta round for a mailbox, page by page. Each page's events, the stored state and the link to continue
 * from commit in one transaction with the {@code CalendarEventChanged} events they cause, so a crash at any point
 * neither loses nor duplicates a change in effect: the page is fetched again and what was stored compares equal.
 *
 * <p>A round is a (re-)baseline when there is no delta link yet, when Graph has forgotten the token (410 or
 * {@code syncStateNotFound}), or when the window is due to roll forward. A baseline marks what it sees (the shadow
 * set) and, at its end, reports as deleted only the stored events in the window that it did not see; events that
 * merely left the window are dropped silently, and events that did not change are not reported again.
 */
public class SyncMailbox {

    private static final Logger log = LoggerFactory.getLogger(SyncMailbox.class);
    private static final int MAX_RESTARTS = 2;

    private final Mailboxes mailboxes;
    private final CalendarItems items;
    private final CalendarChanges changes;
    private final MailboxCalendar calendar;
    private final Correlations correlations;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration back;
    private final Duration ahead;
    private final Duration rollAfter;

    public SyncMailbox(Mailboxes mailboxes, CalendarItems items, CalendarChanges changes, MailboxCalendar calendar,
                       Correlations correlations, TransactionTemplate tx, Clock clock, Duration back, Duration ahead, Duration rollAfter) {
        this.mailboxes = mailboxes;
        this.items = items;
        this.changes = changes;
        this.calendar = calendar;
        this.correlations = correlations;
        this.tx = tx;
        this.clock = clock;
        this.back = back;
        this.ahead = ahead;
        this.rollAfter = rollAfter;
    }

    /** What one run did. */
    public record Outcome(int pages, int reported, boolean baseline) {}

    /**
     * Brings the mailbox's stored state up to date with Graph.
     *
     * @param rebaseline start a new baseline round even when a delta link is at hand
     */
    public Outcome sync(Mailbox mailbox, boolean rebaseline) {
        Optional<SyncState> found = mailboxes.state(mailbox.tenantId(), mailbox.mailboxId());
        if (found.isEmpty()) {
            return new Outcome(0, 0, false);
        }
        SyncState state = found.get();
        SyncWindow desired = SyncWindow.around(clock.instant(), back, ahead);
        boolean rolling = state.window() != null && !state.inBaseline() && state.window().lagsBehind(desired, rollAfter);
        boolean baseline = rebaseline || rolling || state.window() == null || !state.hasRound() && !state.inBaseline();
        Map<String, String> roundTags = null;
        if (baseline) {
            roundTags = calendar.taggedItems(mailbox);
            Optional<SyncState> started = startBaseline(mailbox, desired, roundTags);
            if (started.isEmpty()) {
                return new Outcome(0, 0, true);
            }
            state = started.get();
        }
        int pages = 0;
        int reported = 0;
        int restarts = 0;
        while (true) {
            DeltaPage page;
            try {
                page = calendar.delta(mailbox, state.window(), state.linkToFollow());
            } catch (DeltaExpired e) {
                if (++restarts > MAX_RESTARTS) {
                    throw e;
                }
                log.info("Delta state of {}/{} expired ({}); re-baselining", mailbox.tenantId(), mailbox.mailboxId(), e.getMessage());
                roundTags = calendar.taggedItems(mailbox);
                Optional<SyncState> started = startBaseline(mailbox, desired, roundTags);
                if (started.isEmpty()) {
                    return new Outcome(pages, reported, true);
                }
                state = started.get();
                baseline = true;
                continue;
            }
            pages++;
            Applied applied = apply(mailbox, state, page, roundTags);
            if (applied == null) {
                return new Outcome(pages, reported, baseline);
            }
            reported += applied.reported();
            state = applied.state();
            if (page.last()) {
                log.debug("Delta round of {}/{} done: {} page(s), {} change(s) reported{}", mailbox.tenantId(),
                        mailbox.mailboxId(), pages, reported, baseline ? " (baseline)" : "");
                return new Outcome(pages, reported, baseline);
            }
        }
    }

    private Optional<SyncState> startBaseline(Mailbox mailbox, SyncWindow window, Map<String, String> tagged) {
        return tx.execute(status -> {
            Optional<SyncState> locked = mailboxes.lockState(mailbox.tenantId(), mailbox.mailboxId());
            if (locked.isEmpty()) {
                return Optional.<SyncState>empty();
            }
            SyncState next = locked.get().startBaseline(window);
            mailboxes.saveState(mailbox.tenantId(), mailbox.mailboxId(), next, clock.instant());
            items.saveTags(mailbox.tenantId(), mailbox.mailboxId(), tagged);
            return Optional.of(next);
        });
    }

    private record Applied(SyncState state, int reported) {}

    private Applied apply(Mailbox mailbox, SyncState state, DeltaPage page, Map<String, String> roundTags) {
        String tenantId = mailbox.tenantId();
        String mailboxId = mailbox.mailboxId();
        Map<String, String> tags = resolveTags(mailbox, page.items(), roundTags);
        return tx.execute(status -> {
            Optional<SyncState> locked = mailboxes.lockState(tenantId, mailboxId);
            if (locked.isEmpty()) {
                return null; // disconnected meanwhile: nothing to report
            }
            SyncState current = locked.get();
            Instant now = clock.instant();
            Set<String> ids = new LinkedHashSet<>();
            page.items().forEach(i -> ids.add(i.eventId()));
            ids.addAll(page.removedIds());
            Map<String, StoredItem> stored = new HashMap<>(items.find(tenantId, mailboxId, ids));
            int reported = 0;
            for (CalendarItem item : page.items()) {
                CalendarItem tagged = item.withTag(tags.get(item.tagHolderId()));
                Change change = Change.of(stored.get(item.eventId()), tagged);
                items.save(tenantId, mailboxId, tagged, current.baselineEpoch(), now);
                // A page may carry the same event twice (Graph replays); the second compares with the first.
                stored.put(tagged.eventId(), new StoredItem(tagged.eventId(), tagged.changeKey(), tagged.contentHash(),
                        tagged.series(), tagged.start(), tagged.end(), current.baselineEpoch()));
                if (change.reported()) {
                    changes.publish(mailbox, change, tagged.eventId(), tagged, now,
                            correlations.take(tenantId, mailboxId, tagged.eventId()));
                    reported++;
                }
            }
            for (String removedId : page.removedIds()) {
                reported += remove(mailbox, removedId, stored.get(removedId), now);
            }
            SyncState next;
            if (page.last()) {
                if (current.inBaseline()) {
                    reported += reportVanished(mailbox, current, now);
                }
                next = current.completeWith(page.deltaLink());
            } else {
                next = current.continueAt(page.nextLink());
            }
            mailboxes.saveState(tenantId, mailboxId, next, now);
            return new Applied(next, reported);
        });
    }

    /** An id reported {@code @removed}: the event, and for a series master every stored occurrence and exception. */
    private int remove(Mailbox mailbox, String removedId, StoredItem before, Instant now) {
        int reported = 0;
        List<StoredItem> members = items.inSeries(mailbox.tenantId(), mailbox.mailboxId(), removedId);
        for (StoredItem member : members) {
            changes.publish(mailbox, Change.DELETED, member.eventId(), null, now, null);
            reported++;
        }
        if (before != null) {
            changes.publish(mailbox, Change.DELETED, removedId, null, now,
                    correlations.take(mailbox.tenantId(), mailbox.mailboxId(), removedId));
            reported++;
        }
        List<String> gone = new java.util.ArrayList<>(members.stream().map(StoredItem::eventId).toList());
        gone.add(removedId);
        items.delete(mailbox.tenantId(), mailbox.mailboxId(), gone);
        return reported;
    }

    /** End of a baseline: what it did not see vanished if it lies in the window, else it only left the window. */
    private int reportVanished(Mailbox mailbox, SyncState state, Instant now) {
        List<StoredItem> unseen = items.notSeenIn(mailbox.tenantId(), mailbox.mailboxId(), state.baselineEpoch());
        int reported = 0;
        for (StoredItem item : unseen) {
            if (state.window().overlaps(item.start(), item.end())) {
                changes.publish(mailbox, Change.DELETED, item.eventId(), null, now, null);
                reported++;
            }
        }
        items.delete(mailbox.tenantId(), mailbox.mailboxId(), unseen.stream().map(StoredItem::eventId).toList());
        if (!unseen.isEmpty()) {
            log.info("Baseline of {}/{}: {} stored event(s) not seen, {} reported deleted, the rest left the window",
                    mailbox.tenantId(), mailbox.mailboxId(), unseen.size(), reported);
        }
        return reported;
    }

    /**
     * Calbridge's tag per tag holder of the page's events: from stored tags, from the baseline's listing of tagged
     * items (where absence means untagged), or looked up one by one in Graph for items first seen in a delta.
     */
    private Map<String, String> resolveTags(Mailbox mailbox, List<CalendarItem> pageItems, Map<String, String> roundTags) {
        Set<String> holders = new LinkedHashSet<>();
        pageItems.forEach(i -> holders.add(i.tagHolderId()));
        Map<String, String> result = new HashMap<>();
        if (holders.isEmpty()) {
            return result;
        }
        Map<String, Optional<String>> known = items.tags(mailbox.tenantId(), mailbox.mailboxId(), holders);
        Map<String, String> learned = new HashMap<>();
        for (String holder : holders) {
            Optional<String> tag = known.get(holder);
            if (tag != null) {
                tag.ifPresent(t -> result.put(holder, t));
                continue;
            }
            String found = roundTags != null ? roundTags.get(holder) : calendar.tagOf(mailbox, holder).orElse(null);
            learned.put(holder, found);
            if (found != null) {
                result.put(holder, found);
            }
        }
        if (!learned.isEmpty()) {
            tx.executeWithoutResult(status -> items.saveTags(mailbox.tenantId(), mailbox.mailboxId(), learned));
        }
        return result;
    }
}
