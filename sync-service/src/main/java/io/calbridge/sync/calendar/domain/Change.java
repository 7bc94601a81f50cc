package io.calbridge.sync.calendar.domain;

/** What an observation of an event means for consumers. */
public enum Change {
    /** Not known before. */
    CREATED,
    /** Known, and something a consumer sees differs. */
    UPDATED,
    /** Known and the same: a replayed delta item, a duplicate notification or a re-baseline. Nothing is reported. */
    UNCHANGED,
    /** Gone from the calendar. */
    DELETED;

    /** Compares an observed event with what was reported before ({@code before} null when nothing was). */
    public static Change of(StoredItem before, CalendarItem after) {
        if (before == null) {
            return CREATED;
        }
        if (before.changeKey().equals(after.changeKey()) || before.contentHash().equals(after.contentHash())) {
            return UNCHANGED;
        }
        return UPDATED;
    }

    /** Whether consumers hear about it. */
    public boolean reported() {
        return this != UNCHANGED;
    }
}
