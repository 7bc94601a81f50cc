package io.calbridge.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * An asynchronous, priority-ordered gate: at most {@code maxConcurrent} permits out at once, at most the window's
 * limit of tokens per window, and nothing at all while paused after a 429. Waiting never blocks a thread: a waiter
 * gets a future that completes on {@code executor} when it is admitted, and a timer wakes the queue when the
 * window or a pause ends.
 *
 * <p>Within a priority the order is first come, first served, so a large request is never starved. Interactive
 * waiters always go first. Waiters that already hold a permit and only need tokens (a call's next page, a
 * directory write inside a call) go ahead of both, because admitting them is what frees permits.
 */
final class PermitQueue {
    private final String name;
    private final int maxConcurrent;
    private final @Nullable SlidingWindow window;
    private final int maxQueued;
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final @Nullable ThrottledWaits throttledWaits;

    private final ArrayDeque<Waiter> holders = new ArrayDeque<>();
    private final ArrayDeque<Waiter> interactive = new ArrayDeque<>();
    private final ArrayDeque<Waiter> background = new ArrayDeque<>();
    private int inFlight;
    private int maxInFlightSeen;
    private long pausedUntil = System.nanoTime(); // nanoTime values compare only by difference
    private long wakeupAt = Long.MAX_VALUE;
    private long windowBlockedAt;
    private boolean windowEverBlocked;
    private boolean retired;

    /** Told how long an admitted waiter was held back by a pause or by the window, and which. */
    @FunctionalInterface
    interface ThrottledWaits {
        /** @param reason {@code paused} (after a 429/503) or {@code pacing} (the window was spent) */
        void waited(String reason, long nanos);
    }

    private record Waiter(int permits, int tokens, CompletableFuture<Permit> admitted, long queuedAt) {}

    /**
     * Permits granted to one admitted waiter, with the window tokens reserved for it. Tokens are stamped when the
     * request actually leaves ({@link #spend}), so that the window we count matches the one Graph counts even when
     * a call waits between admission and sending. Release exactly once; unspent tokens go back.
     */
    final class Permit {
        private final int permits;
        private int reservedTokens;
        private boolean released;

        private Permit(int permits, int reservedTokens) {
            this.permits = permits;
            this.reservedTokens = reservedTokens;
        }

        /** Stamps up to {@code n} reserved tokens now; returns how many were reserved and stamped. */
        int spend(int n) {
            synchronized (PermitQueue.this) {
                int k = Math.min(n, reservedTokens);
                if (k > 0 && window != null) window.stampReserved(System.nanoTime(), k);
                reservedTokens -= k;
                return k;
            }
        }

        void release() {
            synchronized (PermitQueue.this) {
                if (released) return;
                released = true;
                inFlight -= permits;
                if (reservedTokens > 0 && window != null) window.unreserve(reservedTokens);
                reservedTokens = 0;
            }
            drain();
        }
    }

    PermitQueue(String name, int maxConcurrent, @Nullable SlidingWindow window, int maxQueued, Executor executor,
                ScheduledExecutorService timer) {
        this(name, maxConcurrent, window, maxQueued, executor, timer, null);
    }

    PermitQueue(String name, int maxConcurrent, @Nullable SlidingWindow window, int maxQueued, Executor executor,
                ScheduledExecutorService timer, @Nullable ThrottledWaits throttledWaits) {
        this.throttledWaits = throttledWaits;
        this.name = name;
        this.maxConcurrent = maxConcurrent;
        this.window = window;
        this.maxQueued = maxQueued;
        this.executor = executor;
        this.timer = timer;
    }

    /**
     * Queues for {@code permits} concurrency permits (capped at the maximum) and {@code tokens} window tokens.
     * Returns null if this queue was retired as idle; the caller then looks the queue up again.
     * The future fails with {@link QueueFull} when too many are waiting.
     */
    @Nullable CompletableFuture<Permit> acquire(Priority priority, int permits, int tokens) {
        CompletableFuture<Permit> admitted = new CompletableFuture<>();
        synchronized (this) {
            if (retired) return null;
            if (interactive.size() + background.size() >= maxQueued) {
                admitted.completeExceptionally(new QueueFull(name));
                return admitted;
            }
            int capped = Math.min(permits, maxConcurrent);
            int cappedTokens = window == null ? 0 : Math.min(tokens, window.limit());
            (priority == Priority.INTERACTIVE ? interactive : background).add(new Waiter(capped, cappedTokens, admitted, System.nanoTime()));
        }
        drain();
        return admitted;
    }

    /** For a caller that already holds a permit: waits for window tokens only, stamped as they are granted. */
    CompletableFuture<Permit> acquireTokens(int tokens) {
        CompletableFuture<Permit> admitted = new CompletableFuture<>();
        if (window == null || tokens == 0) {
            admitted.complete(new Permit(0, 0));
            return admitted;
        }
        synchronized (this) {
            holders.add(new Waiter(0, Math.min(tokens, window.limit()), admitted, System.nanoTime()));
        }
        drain();
        return admitted;
    }

    /** Admits nothing before {@code nanoTime}; Graph said {@code Retry-After} for this app and mailbox. */
    void pauseUntil(long nanoTime) {
        synchronized (this) {
            if (nanoTime - pausedUntil > 0) pausedUntil = nanoTime;
        }
        drain();
    }

    synchronized int inFlight() { return inFlight; }

    synchronized int maxInFlightSeen() { return maxInFlightSeen; }

    synchronized int waiting() { return holders.size() + interactive.size() + background.size(); }

    /** Marks the queue retired if nothing is out, waiting or counted; a retired queue admits nobody new. */
    synchronized boolean retireIfIdle(long now) {
        if (inFlight == 0 && waiting() == 0 && now - pausedUntil > 0 && (window == null || window.isEmpty(now))) {
            retired = true;
        }
        return retired;
    }

    private void drain() {
        List<Runnable> admit = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            while (true) {
                ArrayDeque<Waiter> queue = !holders.isEmpty() ? holders : !interactive.isEmpty() ? interactive : background;
                Waiter head = queue.peek();
                if (head == null) break;
                if (head.admitted().isDone()) { // cancelled by the caller
                    queue.poll();
                    continue;
                }
                if (now - pausedUntil < 0) {
                    scheduleWakeup(pausedUntil, now);
                    break;
                }
                if (inFlight + head.permits() > maxConcurrent) break;
                boolean stampNow = queue == holders; // holders are about to send; others reserve until they do
                if (window != null && head.tokens() > 0) {
                    long at = window.availableAt(now, head.tokens());
                    if (at - now > 0) {
                        windowBlockedAt = now;
                        windowEverBlocked = true;
                        scheduleWakeup(at, now);
                        break;
                    }
                    if (stampNow) window.take(now, head.tokens());
                    else window.reserve(head.tokens());
                }
                queue.poll();
                inFlight += head.permits();
                maxInFlightSeen = Math.max(maxInFlightSeen, inFlight);
                Permit permit = new Permit(head.permits(), stampNow ? 0 : head.tokens());
                // A waiter was held back if a pause ended, or the window blocked the queue, while it waited.
                String heldBy = pausedUntil - head.queuedAt() > 0 ? "paused"
                        : windowEverBlocked && windowBlockedAt - head.queuedAt() >= 0 ? "pacing" : null;
                if (heldBy != null && throttledWaits != null) {
                    long waited = now - head.queuedAt();
                    admit.add(() -> throttledWaits.waited(heldBy, waited));
                }
                admit.add(() -> {
                    if (!head.admitted().complete(permit)) permit.release();
                });
            }
        }
        // Complete outside the lock and off the releasing thread, so admitted work never runs on a caller's or the timer's thread.
        for (Runnable r : admit) executor.execute(r);
    }

    private void scheduleWakeup(long at, long now) {
        if (wakeupAt != Long.MAX_VALUE && wakeupAt - at <= 0 && wakeupAt - now > 0) return;
        wakeupAt = at;
        timer.schedule(() -> {
            synchronized (this) {
                if (wakeupAt == at) wakeupAt = Long.MAX_VALUE;
            }
            drain();
        }, Math.max(0, at - now), TimeUnit.NANOSECONDS);
    }

    @Override public String toString() { return "PermitQueue[" + name + "]"; }

    /** Too many calls are already waiting for this mailbox or tenant. */
    static final class QueueFull extends RuntimeException {
        QueueFull(String name) { super("too many calls waiting for " + name, null, false, false); }
    }
}
