package io.calbridge.bench.emulator;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop load generator: request {@code i} is due at {@code start + i / rate}, whatever happened to the
 * earlier ones, and its latency is measured from that intended send time to the end of its response body. A pacer
 * thread hands each request to a virtual thread when it is due; a late pacer (GC pause, a busy CPU) sends the
 * overdue requests at once and their wait counts in their latency, so a stall is not hidden
 * (no coordinated omission).
 */
final class OpenLoopLoad {

    /** The outcome of one run; arrays are indexed by request number. */
    record Result(int count, long[] latencyMicros, int[] status, long[] intendedNanos, long[] completedNanos,
                  long maxPacerLagMicros, Map<String, Integer> errors) {

        int ok() {
            int ok = 0;
            for (int s : status) {
                if (s == 200) {
                    ok++;
                }
            }
            return ok;
        }
    }

    private OpenLoopLoad() {
    }

    /**
     * Sends {@code count} requests at {@code rate} per second and waits for every response.
     *
     * @param requests request {@code i}; its kind is {@code kindOf.apply(i)} in the error summary
     */
    static Result run(HttpClient client, int rate, int count, IntFunction<HttpRequest> requests, IntFunction<String> kindOf)
            throws InterruptedException, TimeoutException {
        long[] latency = new long[count];
        int[] status = new int[count];
        long[] intended = new long[count];
        long[] completed = new long[count];
        Map<String, Integer> errors = new TreeMap<>();
        var done = new CountDownLatch(count);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        var maxLag = new AtomicLong();
        // Build the requests up front so the pacer loop only waits and dispatches.
        HttpRequest[] prepared = new HttpRequest[count];
        for (int i = 0; i < count; i++) {
            prepared[i] = requests.apply(i);
        }
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            for (int i = 0; i < count; i++) {
                long due = start + i * interval;
                intended[i] = due;
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                maxLag.accumulateAndGet(now - due, Math::max);
                int n = i;
                senders.execute(() -> {
                    int code;
                    try {
                        HttpResponse<byte[]> response = client.send(prepared[n], HttpResponse.BodyHandlers.ofByteArray());
                        code = response.statusCode();
                    } catch (Exception e) {
                        code = -1;
                        synchronized (errors) {
                            errors.merge(kindOf.apply(n) + " " + e.getClass().getSimpleName(), 1, Integer::sum);
                        }
                    }
                    long end = System.nanoTime();
                    completed[n] = end;
                    latency[n] = (end - intended[n]) / 1_000;
                    status[n] = code;
                    if (code != 200 && code != -1) {
                        synchronized (errors) {
                            errors.merge(kindOf.apply(n) + " " + code, 1, Integer::sum);
                        }
                    }
                    done.countDown();
                });
            }
            if (!done.await(2, TimeUnit.MINUTES)) {
                throw new TimeoutException("responses still outstanding 2 minutes after the last send");
            }
        }
        synchronized (errors) {
            return new Result(count, latency, status, intended, completed, maxLag.get() / 1_000, Map.copyOf(errors));
        }
    }
}
