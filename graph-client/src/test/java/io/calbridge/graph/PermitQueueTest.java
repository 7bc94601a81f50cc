package io.calbridge.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pacing gate on its own: no HTTP, real threads and a real timer. */
class PermitQueueTest {
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void admitsNoMoreThanTheConcurrencyLimitAndTheNextOnRelease() {
        PermitQueue queue = new PermitQueue("m", 4, null, 100, executor, timer);
        List<CompletableFuture<PermitQueue.Permit>> waiting = new ArrayList<>();
        for (int i = 0; i < 6; i++) waiting.add(queue.acquire(Priority.BACKGROUND, 1, 0));

        await().atMost(Duration.ofSeconds(5)).until(() -> waiting.stream().filter(CompletableFuture::isDone).count() == 4);
        assertThat(waiting.get(4)).isNotDone();
        waiting.get(0).join().release();

        await().atMost(Duration.ofSeconds(5)).until(() -> waiting.get(4).isDone());
        assertThat(waiting.get(5)).isNotDone();
        assertThat(queue.maxInFlightSeen()).isEqualTo(4);
    }

    @Test
    void servesInteractiveBeforeEarlierBackground() {
        PermitQueue queue = new PermitQueue("m", 1, null, 100, executor, timer);
        PermitQueue.Permit held = queue.acquire(Priority.BACKGROUND, 1, 0).join();
        CompletableFuture<PermitQueue.Permit> background = queue.acquire(Priority.BACKGROUND, 1, 0);
        CompletableFuture<PermitQueue.Permit> interactive = queue.acquire(Priority.INTERACTIVE, 1, 0);

        held.release();

        await().atMost(Duration.ofSeconds(5)).until(interactive::isDone);
        assertThat(background).isNotDone();
    }

    @Test
    void holdsTheWindowLimitUntilTheWindowHasPassed() {
        long window = Duration.ofMillis(600).toNanos();
        PermitQueue queue = new PermitQueue("m", 10, new SlidingWindow(3, window), 100, executor, timer);
        long start = System.nanoTime();
        List<CompletableFuture<PermitQueue.Permit>> admitted = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            CompletableFuture<PermitQueue.Permit> f = queue.acquire(Priority.BACKGROUND, 1, 1);
            f.thenAccept(p -> {
                p.spend(1); // the request leaves
                p.release();
            });
            admitted.add(f);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> admitted.get(3).isDone());
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(window);
    }

    @Test
    void returnsReservedTokensOfACallThatNeverSent() {
        PermitQueue queue = new PermitQueue("m", 10, new SlidingWindow(1, Duration.ofMinutes(10).toNanos()), 100, executor, timer);
        queue.acquire(Priority.BACKGROUND, 1, 1).join().release();

        CompletableFuture<PermitQueue.Permit> next = queue.acquire(Priority.BACKGROUND, 1, 1);

        await().atMost(Duration.ofSeconds(5)).until(next::isDone);
    }

    @Test
    void admitsNothingWhilePaused() {
        PermitQueue queue = new PermitQueue("m", 4, null, 100, executor, timer);
        long start = System.nanoTime();
        queue.pauseUntil(start + Duration.ofMillis(500).toNanos());

        CompletableFuture<PermitQueue.Permit> f = queue.acquire(Priority.INTERACTIVE, 1, 0);

        await().atMost(Duration.ofSeconds(5)).until(f::isDone);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(500).toNanos());
    }

    @Test
    void failsFastWhenTooManyAreWaiting() {
        PermitQueue queue = new PermitQueue("m", 1, null, 1, executor, timer);
        queue.acquire(Priority.BACKGROUND, 1, 0).join();
        queue.acquire(Priority.BACKGROUND, 1, 0);

        CompletableFuture<PermitQueue.Permit> third = queue.acquire(Priority.BACKGROUND, 1, 0);

        assertThat(third).isCompletedExceptionally();
    }
}
