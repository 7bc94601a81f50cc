package io.calbridge.graph;

/**
 * Counts grants in a sliding window with fixed-size buckets. A bucket counts while any part of it lies inside
 * the window, so the count errs high and the limit is never exceeded; the cost is at most one bucket of throughput.
 * Not thread-safe: {@link PermitQueue} guards it.
 */
final class SlidingWindow {
    private static final int BUCKETS = 100;

    private final int limit;
    private final long windowNanos;
    private final long bucketNanos;
    private final long[] bucketIndex;
    private final int[] counts;
    /** Tokens promised to admitted calls but not yet stamped; they count as used until then. */
    private int reserved;

    SlidingWindow(int limit, long windowNanos) {
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.bucketNanos = Math.max(1, windowNanos / BUCKETS);
        int slots = (int) (windowNanos / bucketNanos) + 2;
        this.bucketIndex = new long[slots];
        this.counts = new int[slots];
        java.util.Arrays.fill(bucketIndex, Long.MIN_VALUE);
    }

    int limit() { return limit; }

    /** Nanos (on the {@code System.nanoTime} scale) from which {@code n} more grants fit, or {@code now} if they fit already. */
    long availableAt(long now, int n) {
        if (n > limit) throw new IllegalArgumentException("asks " + n + " of a window of " + limit);
        long current = Math.floorDiv(now, bucketNanos);
        int used = reserved;
        for (int i = 0; i < counts.length; i++) if (live(i, now)) used += counts[i];
        if (used + n <= limit) return now;
        // Drop the oldest live buckets until enough room is freed; the last one dropped says when.
        long oldest = current - counts.length + 1;
        for (long b = oldest; b <= current; b++) {
            int slot = slot(b);
            if (bucketIndex[slot] != b || !live(slot, now)) continue;
            used -= counts[slot];
            if (used + n <= limit) return (b + 1) * bucketNanos + windowNanos;
        }
        return now + windowNanos;
    }

    /** Promises {@code n} tokens whose time is stamped later, by {@link #stampReserved}, when the request leaves. */
    void reserve(int n) { reserved += n; }

    /** Turns promised tokens into used ones at {@code now}, the moment the request is sent. */
    void stampReserved(long now, int n) {
        reserved -= n;
        take(now, n);
    }

    void unreserve(int n) { reserved -= n; }

    void take(long now, int n) {
        long b = Math.floorDiv(now, bucketNanos);
        int slot = slot(b);
        if (bucketIndex[slot] != b) {
            bucketIndex[slot] = b;
            counts[slot] = 0;
        }
        counts[slot] += n;
    }

    /** True when nothing in the window counts any more, so the queue can be dropped. */
    boolean isEmpty(long now) {
        if (reserved > 0) return false;
        for (int i = 0; i < counts.length; i++) if (live(i, now) && counts[i] > 0) return false;
        return true;
    }

    private boolean live(int slot, long now) {
        long b = bucketIndex[slot];
        return b != Long.MIN_VALUE && (b + 1) * bucketNanos + windowNanos > now;
    }

    private int slot(long bucket) { return (int) Math.floorMod(bucket, (long) counts.length); }
}
