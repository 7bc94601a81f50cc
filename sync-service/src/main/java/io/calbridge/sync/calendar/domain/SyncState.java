package io.calbridge.sync.calendar.domain;

/**
 * Where a mailbox's delta stands.
 *
 * @param window        the window of the current round; null before the first
 * @param deltaLink     the {@code @odata.deltaLink} of the last completed round; null before the first completes
 * @param nextLink      the {@code @odata.nextLink} of a round in progress, from which a restart resumes
 * @param baselineEpoch number of the latest (re-)baseline round; items it saw carry it
 * @param inBaseline    whether the round in progress is a (re-)baseline, whose end reports what it did not see
 */
public record SyncState(SyncWindow window, String deltaLink, String nextLink, long baselineEpoch, boolean inBaseline) {

    /** A fresh baseline round over {@code newWindow}: no links, a new epoch. */
    public SyncState startBaseline(SyncWindow newWindow) {
        return new SyncState(newWindow, null, null, baselineEpoch + 1, true);
    }

    /** The link to fetch next: the page to resume, the delta of the last round, or null for an initial request. */
    public String linkToFollow() {
        if (nextLink != null) {
            return nextLink;
        }
        return inBaseline ? null : deltaLink;
    }

    /** After a page that continues the round. */
    public SyncState continueAt(String link) {
        return new SyncState(window, deltaLink, link, baselineEpoch, inBaseline);
    }

    /** After the last page of a round. */
    public SyncState completeWith(String newDeltaLink) {
        return new SyncState(window, newDeltaLink, null, baselineEpoch, false);
    }

    /** Whether a delta round can start from here without a new baseline. */
    public boolean hasRound() {
        return window != null && (deltaLink != null || nextLink != null);
    }
}
