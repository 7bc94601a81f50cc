package io.calbridge.bench.sync;

import io.calbridge.bench.Figure;
import io.calbridge.bench.Figure.Better;
import io.calbridge.bench.Percentiles;
import io.calbridge.bench.Report;
import io.calbridge.bench.Scenario;
import io.calbridge.bench.services.ServiceLauncher;
import io.calbridge.common.Topics;
import io.calbridge.common.cloudevents.CloudEventCodec;
import io.calbridge.common.crypto.CredentialSeal;
import io.calbridge.common.events.CalbridgeEvent;
import io.calbridge.common.events.MailboxKind;
import io.calbridge.common.events.account.AccountConnected;
import io.calbridge.common.events.calendar.CalendarEventChanged;
import io.calbridge.common.events.calendar.CalendarEventChanged.ChangeType;
import io.calbridge.common.events.tenant.SealedCredential;
import io.calbridge.common.events.tenant.TenantConfigured;
import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.emulator.GraphEmulator;
import io.calbridge.localstack.ServiceProcess;
import io.calbridge.testsupport.TestDatabase;
import io.calbridge.testsupport.TestInfrastructure;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * sync-service under a storm of Outlook edits (issue 6, Proof, bench bullet). sync-service runs as its own process
 * from its jar; the bench JVM hosts the broker, PostgreSQL and the graph-emulator, whose change notifications go to
 * sync's webhook. The tenant reaches sync as in production: a {@code TenantConfigured} with a sealed client secret
 * on {@code provisioning.tenants}, then one {@code AccountConnected} per mailbox on {@code provisioning.accounts}.
 *
 * <ol>
 *   <li><b>Initial sync</b> of 200 mailboxes with 50 events each (scale multiplies the mailboxes), from the first
 *       {@code AccountConnected} to the last {@code CREATED} on {@code sync.calendar-events}, as a ratio to the least
 *       time the emulator's per-mailbox request window allows for the requests each mailbox needed. The window is
 *       compressed with {@code timeScale} and its limit lowered so that it, not this machine's CPU, is what the
 *       initial sync must wait for; sync is given the same budget ({@code calbridge.graph.*}).</li>
 *   <li><b>Storm</b>: 10 edits per mailbox (2,000 at scale 1) made "in Outlook" through the emulator's control
 *       plane, in rounds of one edit per mailbox per window. Each edit's changeKey (from the control plane's answer)
 *       must come back as an {@code UPDATED} with that changeKey and the edited subject: the latency from the edit
 *       to the record on Kafka, less the emulator's notification delay; lost changes; 429s; Graph requests per
 *       change.</li>
 * </ol>
 */
public final class SyncStormScenario implements Scenario {

    static final int MAILBOXES = 200;
    static final int EVENTS_PER_MAILBOX = 50;
    static final int EDITS_PER_MAILBOX = 10;
    /** Outlook's per-mailbox window at Microsoft's scale; the emulator's {@code timeScale} compresses it. */
    static final Duration MICROSOFT_MAILBOX_WINDOW = Duration.ofMinutes(10);
    /** The compressed window: a real run, and the smoke run (which must finish in seconds). */
    static final Duration WINDOW = Duration.ofSeconds(5);
    static final Duration WINDOW_SMOKE = Duration.ofMillis(500);
    /** Requests per app and mailbox per window, on the emulator and in sync's pacing. */
    static final int MAILBOX_LIMIT = 3;
    /** sync's {@code sync.delta-page-size}: 50 events take 10 delta pages, so the initial sync spans windows. */
    static final int DELTA_PAGE_SIZE = 5;
    static final Duration NOTIFICATION_DELAY = Duration.ofMillis(250);
    static final double LATENCY_P99_LIMIT_MS = 1000;

    static final String DOMAIN = "storm.onmicrosoft.com";
    static final String CLIENT_ID = "00000000-0000-0000-0000-0000005e7c01";
    static final String SECRET = "bench-sync-storm-secret";

    /** What sync consumes and produces. */
    static final List<String> TOPICS = List.of(Topics.TENANTS, Topics.ACCOUNTS, Topics.PUSHES, Topics.NOTIFICATIONS,
            Topics.CALENDAR_EVENTS);

    private static final Logger log = LoggerFactory.getLogger(SyncStormScenario.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    @Override
    public String name() {
        return "sync-storm";
    }

    @Override
    public String description() {
        return "sync-service: initial sync of 200 mailboxes x 50 events vs the per-mailbox limits' minimum; 2,000 Outlook "
                + "edits: edit -> CalendarEventChanged p50/p99 (target p99 < 1 s), lost changes, 429s, requests per change";
    }

    @Override
    public Report run(double scale) throws Exception {
        Instant startedAt = Instant.now();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long runStart = System.nanoTime();
        boolean smoke = scale < 0.1;
        int mailboxes = Math.max(1, (int) Math.round(MAILBOXES * scale));
        Duration window = smoke ? WINDOW_SMOKE : WINDOW;
        double timeScale = MICROSOFT_MAILBOX_WINDOW.toMillis() / (double) window.toMillis();
        // Transit time does not shrink with the window: the margin covers requests that reach the emulator late.
        Duration margin = Duration.ofMillis(Math.max(200, window.toMillis() / 5));
        String tenant = UUID.randomUUID().toString();
        String key = CredentialSeal.newBase64Key();

        EmulatorOptions options = EmulatorOptions.defaults().toBuilder()
                .timeScale(timeScale)
                .mailboxRequests(MAILBOX_LIMIT, MICROSOFT_MAILBOX_WINDOW)
                .notificationDelay(NOTIFICATION_DELAY)
                .build();
        List<String> mailboxIds = new ArrayList<>();
        for (int i = 0; i < mailboxes; i++) {
            mailboxIds.add(String.format(Locale.ROOT, "00000000-0000-0000-5707-%012d", i));
        }
        Path logs = ServiceLauncher.repositoryRoot().resolve("bench").resolve("target").resolve("logs");
        TestDatabase database = TestInfrastructure.databaseFor(SyncStormScenario.class);
        String bootstrap = TestInfrastructure.kafkaBootstrap();

        try (GraphEmulator emulator = GraphEmulator.start(options);
             ChangeReader changes = new ChangeReader(bootstrap, tenant);
             KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            emulator.seed(seed(tenant, mailboxIds));
            AtomicLong firstGraphCall = new AtomicLong();
            emulator.onResponse((request, response) -> {
                if (request.path().contains("/users/") || request.path().contains("/subscriptions")) {
                    firstGraphCall.compareAndSet(0, System.currentTimeMillis());
                }
            });
            createTopics(bootstrap);
            changes.start();
            String pacing = JSON.writeValueAsString(Map.of(
                    "sync", Map.of(
                            "delta-page-size", DELTA_PAGE_SIZE,
                            "sweep-interval", "PT1H",
                            "worker", Map.of("concurrency", Math.max(64, mailboxes + 16), "poll-interval", "PT0.1S")),
                    "calbridge", Map.of("graph", Map.of("mailbox-concurrency", options.mailboxConcurrency(),
                            "mailbox-requests", MAILBOX_LIMIT, "mailbox-window", window.toString(),
                            "window-margin", margin.toString()))));
            Map<String, String> environment = Map.of(
                    "KAFKA_BOOTSTRAP", bootstrap,
                    "DATABASE_URL", database.jdbcUrl(),
                    "DATABASE_USER", database.username(),
                    "DATABASE_PASSWORD", database.password(),
                    "CALBRIDGE_ENCRYPTION_KEY", key,
                    "CALBRIDGE_API_KEYS", "",
                    "SPRING_APPLICATION_JSON", pacing);
            long launch = System.nanoTime();
            try (ServiceProcess sync = ServiceLauncher.startAndAwaitReady("sync-service", "768m", environment, logs)) {
                double startSeconds = (System.nanoTime() - launch) / 1e9;
                log.info("sync-service ready in {} s at {} (log {})", String.format(Locale.ROOT, "%.1f", startSeconds),
                        sync.baseUrl(), sync.logFile());
                CloudEventCodec provisioning = new CloudEventCodec("/provisioning-service");
                send(producer, provisioning, tenantConfigured(emulator, tenant, key));
                awaitLog(sync.logFile(), "Tenant " + tenant + " is now at version", Duration.ofSeconds(60));

                // 1. Initial sync
                long initialStart = System.currentTimeMillis();
                for (int i = 0; i < mailboxes; i++) {
                    String id = mailboxIds.get(i);
                    producer.send(provisioning.encodeRecord(new AccountConnected(tenant, id, address(i), MailboxKind.USER,
                            "Person " + i, null, Instant.now(), null), UUID.randomUUID(), Instant.now()));
                }
                producer.flush();
                int expected = mailboxes * EVENTS_PER_MAILBOX;
                boolean initialComplete = await(() -> changes.created() >= expected, smoke ? Duration.ofSeconds(60) : Duration.ofMinutes(10));
                long initialEnd = changes.lastCreatedAt();
                double initialSeconds = Math.max(0, initialEnd - initialStart) / 1000.0;
                double appliedSeconds = Math.max(0, lastPageApplied(database) - initialStart) / 1000.0;
                double firstCallSeconds = firstGraphCall.get() == 0 ? 0 : Math.max(0, firstGraphCall.get() - initialStart) / 1000.0;
                double fromFirstCallSeconds = Math.max(0, initialSeconds - firstCallSeconds);
                boolean subscribed = await(() -> subscriptions(emulator) >= mailboxes, Duration.ofSeconds(60));
                JsonNode afterInitial = counters(emulator);
                long initialThrottled = afterInitial.path("throttled").asLong();
                long initialRequests = afterInitial.path("requests").asLong();
                List<Long> perMailbox = new ArrayList<>();
                for (String id : mailboxIds) {
                    perMailbox.add(afterInitial.path("byMailbox").path(id).asLong());
                }
                long maxRequests = perMailbox.stream().mapToLong(Long::longValue).max().orElse(0);
                double meanRequests = perMailbox.stream().mapToLong(Long::longValue).average().orElse(0);
                double minimumSeconds = (Math.ceil(maxRequests / (double) MAILBOX_LIMIT) - 1) * window.toMillis() / 1000.0;
                double clientMinimumSeconds = (Math.ceil((maxRequests + 1) / (double) MAILBOX_LIMIT) - 1)
                        * (window.toMillis() + margin.toMillis() + window.toMillis() / 100.0) / 1000.0;
                log.info("Initial sync: {} of {} events in {} s; {} requests on the busiest mailbox; minimum {} s",
                        changes.created(), expected, initialSeconds, maxRequests, minimumSeconds);

                // 2. Storm
                Map<String, List<CalendarEventChanged>> eventsByMailbox = changes.createdByMailbox();
                long requestsBefore = afterInitial.path("requests").asLong();
                long notificationsBefore = afterInitial.path("events").path("notifications.delivered").asLong();
                Storm storm = storm(emulator, mailboxIds, eventsByMailbox, window);
                long lastEdit = storm.lastSentAt();
                Duration drain = smoke ? Duration.ofSeconds(20) : Duration.ofSeconds(60);
                await(() -> storm.unmatched(changes) == 0, drain);
                long drainedAt = System.currentTimeMillis();
                JsonNode after = counters(emulator);
                long stormRequests = after.path("requests").asLong() - requestsBefore;
                long notifications = after.path("events").path("notifications.delivered").asLong() - notificationsBefore;
                String notificationCounters = after.path("events").toString();
                long throttled = after.path("throttled").asLong();
                long allRequests = after.path("requests").asLong();

                List<Long> latencies = new ArrayList<>();
                int lost = 0;
                int wrongContent = 0;
                for (Edit edit : storm.edits()) {
                    Observed seen = changes.updated(edit.eventId(), edit.changeKey());
                    if (edit.changeKey() == null || seen == null) {
                        lost++;
                    } else if (!edit.subject().equals(seen.change().snapshot().subject())
                            || !seen.change().snapshot().start().equals(edit.start())) {
                        wrongContent++;
                        lost++;
                    } else {
                        latencies.add(seen.timestamp() - edit.sentAt() - NOTIFICATION_DELAY.toMillis());
                    }
                }
                int duplicates = changes.duplicateUpdates();
                Percentiles latency = new Percentiles(latencies.isEmpty() ? new long[] {0}
                        : latencies.stream().mapToLong(l -> Math.max(0, l)).toArray());
                long rawMin = latencies.stream().mapToLong(Long::longValue).min().orElse(0);
                int edits = storm.edits().size();
                double stormSeconds = (lastEdit - storm.firstSentAt()) / 1000.0;

                Map<String, String> environment2 = new LinkedHashMap<>();
                int cores = Runtime.getRuntime().availableProcessors();
                environment2.put("cores", String.valueOf(cores));
                environment2.put("java", Runtime.version().toString());
                environment2.put("machine load average (1 min)", String.format(Locale.ROOT, "%.1f before, %.1f at the end",
                        loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
                environment2.put("sync-service", "its own process from target/sync-service-*.jar, -Xmx768m, ready in "
                        + String.format(Locale.ROOT, "%.1f s", startSeconds) + "; settings " + pacing);
                environment2.put("emulator", String.format(Locale.ROOT, "in the bench JVM; timeScale %.0f (the 10-min "
                        + "mailbox window lasts %.1f s); %d requests per app and mailbox per window, %d in flight; "
                        + "notification delay %d ms", timeScale, window.toMillis() / 1000.0, MAILBOX_LIMIT,
                        options.mailboxConcurrency(), NOTIFICATION_DELAY.toMillis()));
                environment2.put("kafka", TestInfrastructure.kafkaDescription() + ", in the bench JVM");
                environment2.put("workload", String.format(Locale.ROOT, "%d mailboxes x %d events (one a day, from "
                        + "tomorrow); %d edits (%d rounds of one per mailbox, a round every %.1f s; subject changed, every "
                        + "second edit also moved by 30 min)", mailboxes, EVENTS_PER_MAILBOX, edits, EDITS_PER_MAILBOX,
                        window.toMillis() / 1000.0));

                List<Figure> figures = new ArrayList<>();
                figures.add(Figure.versus("initial sync time", initialSeconds, "s", minimumSeconds,
                        "minimum the per-mailbox window allows", Better.LOWER));
                figures.add(Figure.versus("initial sync time vs sync's own budget", initialSeconds, "s", clientMinimumSeconds,
                        "minimum sync's pacing allows (subscription POST counted, window + margin)", Better.LOWER));
                figures.add(Figure.versus("initial sync time from the first Graph request", fromFirstCallSeconds, "s",
                        minimumSeconds, "minimum the per-mailbox window allows", Better.LOWER));
                figures.add(Figure.info("initial sync: until the first Graph request (tenant's first use)", firstCallSeconds, "s"));
                figures.add(Figure.info("initial sync: last delta page applied in sync's database", appliedSeconds, "s"));
                figures.add(Figure.limit("initial sync: events reported", expected == 0 ? 100
                        : 100.0 * Math.min(expected, changes.created()) / expected, "%", 100, "target: every seeded event", Better.HIGHER));
                figures.add(Figure.info("initial sync: Graph requests on the busiest mailbox (emulator)", maxRequests, "requests"));
                figures.add(Figure.limit("edit -> CalendarEventChanged p50 (less notification delay)", latency.at(50), "ms",
                        LATENCY_P99_LIMIT_MS, "p99 target 1 s (p50 shown against it too)", Better.LOWER));
                figures.add(Figure.limit("edit -> CalendarEventChanged p99 (less notification delay)", latency.at(99), "ms",
                        LATENCY_P99_LIMIT_MS, "target 1 s", Better.LOWER));
                figures.add(Figure.info("edit -> CalendarEventChanged max (less notification delay)", latency.max(), "ms"));
                // A zero limit has no ratio, so the zero targets are judged as shares of 100 %.
                figures.add(Figure.limit("edits reported (event id, changeKey, content)", edits == 0 ? 100 : 100.0 * (edits - lost) / edits,
                        "%", 100, "target: no lost change", Better.HIGHER));
                figures.add(Figure.info("lost changes", lost, "edits"));
                figures.add(Figure.limit("Graph requests not throttled (emulator)", allRequests == 0 ? 100
                        : 100.0 * (allRequests - throttled) / allRequests, "%", 100, "target: zero 429s", Better.HIGHER));
                figures.add(Figure.info("429s caused by our own concurrency (emulator)", throttled, "responses"));
                figures.add(Figure.info("Graph requests per change (storm)", edits == 0 ? 0 : stormRequests / (double) edits,
                        "requests/change"));
                figures.add(Figure.info("duplicate CalendarEventChanged (same event and changeKey)", duplicates, "events"));

                List<String> notes = new ArrayList<>();
                notes.add(String.format(Locale.ROOT, "Initial sync: from publishing the first AccountConnected to the "
                                + "record time of the last of the %,d CREATED on sync.calendar-events (%,d seen%s). Subscriptions "
                                + "for every mailbox %s. Reference: each mailbox needed the Graph requests the emulator counted "
                                + "for it (busiest %d, mean %.1f: the Calbridge-tag listing and %d-event delta pages), and the "
                                + "emulator admits %d per %.1f-s window, so the busiest mailbox cannot finish before "
                                + "(ceil(%d/%d) - 1) windows = %.1f s. The client also counts its subscription POST against the "
                                + "mailbox and adds its window margin (%d ms) and a bucket, so its own budget allows no less than "
                                + "%.1f s (shown as a figure too). sync.worker.concurrency was %d (default 64; raised above the "
                                + "mailbox count so that every mailbox can wait out its windows at once instead of queueing for "
                                + "worker slots). The last delta page was applied in sync's database %.1f s after the start "
                                + "(mailboxes.last_synced_at); the rest is the outbox relay and Kafka. The first Graph request "
                                + "(a subscription POST or a mailbox call, as the emulator saw it) came %.1f s after the start: "
                                + "the tenant's first use in a freshly started service (opening the sealed credential, building "
                                + "the MSAL client, the first token); from then on the initial sync took %.1f s.",
                        expected, changes.created(), initialComplete ? "" : ", INCOMPLETE", subscribed ? "were active" : "were NOT all active",
                        maxRequests, meanRequests, DELTA_PAGE_SIZE, MAILBOX_LIMIT, window.toMillis() / 1000.0, maxRequests,
                        MAILBOX_LIMIT, minimumSeconds, margin.toMillis(), clientMinimumSeconds, Math.max(64, mailboxes + 16),
                        appliedSeconds, firstCallSeconds, fromFirstCallSeconds));
                notes.add(String.format(Locale.ROOT, "Storm: %,d edits over %.1f s through PATCH /_emulator/outlook/users/{id}/"
                                + "events/{id} (no Graph auth or throttling, like a person in Outlook); each edit is matched to an "
                                + "UPDATED with its event id and the changeKey the emulator answered with, and its subject and "
                                + "start are checked (%d arrived with other content). Latency: Kafka record time of that "
                                + "UPDATED (set by sync's producer) minus the time the PATCH was sent, minus the configured "
                                + "notification delay of %d ms (smallest raw difference after subtracting: %d ms). %,d change "
                                + "notifications delivered (emulator event counters %s); all edits matched %s after the last edit.",
                        edits, stormSeconds, wrongContent, NOTIFICATION_DELAY.toMillis(), rawMin, notifications, notificationCounters,
                        storm.unmatched(changes) == 0 ? String.format(Locale.ROOT, "%.1f s", Math.max(0, drainedAt - lastEdit) / 1000.0)
                                : "NOT (waited " + drain.toSeconds() + " s)"));
                notes.add(String.format(Locale.ROOT, "Graph requests per change: the emulator's request counter during the "
                        + "storm (%,d) divided by the edits (%,d); change notifications are not Graph requests. 429s: the "
                        + "emulator's counter, %d of %,d requests in the initial sync and %d of %,d in the storm; no faults "
                        + "were injected, so any 429 comes from our own concurrency or pacing. The client's window margin "
                        + "(%d ms) must cover the time from its stamp to the emulator's count, which does not shrink with "
                        + "the compressed window.", stormRequests, edits, initialThrottled, initialRequests,
                        throttled - initialThrottled, allRequests - initialRequests, margin.toMillis()));
                notes.add("Why a lowered limit: at Outlook's 10,000 requests per 10 minutes a 50-event mailbox needs a handful "
                        + "of requests and no window ever binds, so the minimum would be zero. The emulator's window is "
                        + "compressed with timeScale and its limit lowered so that each mailbox needs several windows; sync "
                        + "gets the same numbers (calbridge.graph.*). During the storm each mailbox gets one edit per window, "
                        + "below its limit, so the latency measures sync's pipeline (webhook -> outbox -> "
                        + "sync.notifications -> worker -> delta -> outbox -> sync.calendar-events), not throttling.");
                notes.add("Everything shares " + cores + " cores: the broker, PostgreSQL, the emulator and this bench in one "
                        + "JVM, sync-service in another; other work on the machine adds noise.");
                return new Report(name(), startedAt, (System.nanoTime() - runStart) / 1e9, environment2, figures, notes);
            }
        }
    }

    /** One edit made in Outlook and what Graph answered. */
    record Edit(String mailboxId, String eventId, String subject, Instant start, long sentAt, @org.jspecify.annotations.Nullable String changeKey) {}

    /** The storm's edits, once every one has been answered. */
    record Storm(List<Edit> edits) {
        long firstSentAt() {
            return edits.stream().mapToLong(Edit::sentAt).min().orElse(0);
        }

        long lastSentAt() {
            return edits.stream().mapToLong(Edit::sentAt).max().orElse(0);
        }

        long unmatched(ChangeReader changes) {
            return edits.stream().filter(e -> e.changeKey() == null || changes.updated(e.eventId(), e.changeKey()) == null).count();
        }
    }

    /** Rounds of one edit per mailbox, mailboxes in a fixed shuffled order spread over each round of {@code window}. */
    private static Storm storm(GraphEmulator emulator, List<String> mailboxIds, Map<String, List<CalendarEventChanged>> events,
                               Duration window) throws Exception {
        List<String> order = new ArrayList<>(mailboxIds);
        Collections.shuffle(order, new Random(6));
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        List<CompletableFuture<Edit>> sent = new ArrayList<>();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long slot = window.toNanos() / order.size();
        for (int round = 0; round < EDITS_PER_MAILBOX; round++) {
            for (int p = 0; p < order.size(); p++) {
                String mailbox = order.get(p);
                List<CalendarEventChanged> mine = events.getOrDefault(mailbox, List.of());
                if (mine.size() <= round) {
                    continue;
                }
                CalendarEventChanged target = mine.get(round);
                long due = start + round * window.toNanos() + p * slot;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String subject = "Storm edit " + round + " of " + mailbox;
                Instant newStart = target.snapshot().start();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("subject", subject);
                if (round % 2 == 1) {
                    newStart = newStart.plus(30, ChronoUnit.MINUTES);
                    Instant newEnd = target.snapshot().end().plus(30, ChronoUnit.MINUTES);
                    body.put("start", Map.of("dateTime", LOCAL.format(newStart.atOffset(ZoneOffset.UTC)), "timeZone", "UTC"));
                    body.put("end", Map.of("dateTime", LOCAL.format(newEnd.atOffset(ZoneOffset.UTC)), "timeZone", "UTC"));
                }
                HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.controlUrl() + "/outlook/users/" + mailbox
                                + "/events/" + target.eventId()))
                        .header("Content-Type", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
                long sentAt = System.currentTimeMillis();
                Instant expectedStart = newStart;
                sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                    String changeKey = null;
                    if (failure == null && response.statusCode() == 200) {
                        changeKey = JSON.readTree(response.body()).path("changeKey").asString(null);
                    } else {
                        log.warn("Edit of {} failed: {}", target.eventId(), failure != null ? failure.toString()
                                : response.statusCode() + " " + response.body());
                    }
                    return new Edit(mailbox, target.eventId(), subject, expectedStart, sentAt, changeKey);
                }));
            }
        }
        List<Edit> edits = new ArrayList<>();
        for (CompletableFuture<Edit> f : sent) {
            edits.add(f.get(30, TimeUnit.SECONDS));
        }
        return new Storm(edits);
    }

    /** A change read back from Kafka with the record's timestamp. */
    record Observed(CalendarEventChanged change, long timestamp) {}

    /** Reads {@code sync.calendar-events} in the background, keeping this run's tenant's changes. */
    static final class ChangeReader implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final String tenant;
        private final CloudEventCodec codec = new CloudEventCodec("/bench");
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger created = new AtomicInteger();
        private final AtomicInteger duplicateUpdates = new AtomicInteger();
        private volatile long lastCreatedAt;
        private final Map<String, List<CalendarEventChanged>> createdByMailbox = new ConcurrentHashMap<>();
        private final Map<String, Observed> updates = new ConcurrentHashMap<>();
        private final Thread thread;

        ChangeReader(String bootstrap, String tenant) {
            Properties c = new Properties();
            c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-sync-storm-" + UUID.randomUUID());
            c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
            consumer = new KafkaConsumer<>(c);
            consumer.subscribe(List.of(Topics.CALENDAR_EVENTS));
            this.tenant = tenant;
            thread = Thread.ofPlatform().name("sync-storm-reader").daemon().unstarted(this::loop);
        }

        void start() {
            thread.start();
        }

        private void loop() {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    CalbridgeEvent event;
                    try {
                        event = codec.decode(r);
                    } catch (RuntimeException e) {
                        log.warn("Undecodable record on sync.calendar-events: {}", e.toString());
                        continue;
                    }
                    if (!(event instanceof CalendarEventChanged change) || !tenant.equals(change.tenantId())) {
                        continue;
                    }
                    if (change.change() == ChangeType.CREATED) {
                        createdByMailbox.computeIfAbsent(change.mailboxId(), k -> Collections.synchronizedList(new ArrayList<>())).add(change);
                        lastCreatedAt = Math.max(lastCreatedAt, r.timestamp());
                        created.incrementAndGet();
                    } else if (change.change() == ChangeType.UPDATED) {
                        Observed previous = updates.putIfAbsent(change.eventId() + "|" + change.snapshot().changeKey(),
                                new Observed(change, r.timestamp()));
                        if (previous != null) {
                            duplicateUpdates.incrementAndGet();
                        }
                    }
                }
            }
        }

        int created() {
            return created.get();
        }

        long lastCreatedAt() {
            return lastCreatedAt;
        }

        int duplicateUpdates() {
            return duplicateUpdates.get();
        }

        /** Each mailbox's created events, by start. */
        Map<String, List<CalendarEventChanged>> createdByMailbox() {
            Map<String, List<CalendarEventChanged>> out = new HashMap<>();
            createdByMailbox.forEach((mailbox, list) -> {
                List<CalendarEventChanged> sorted;
                synchronized (list) {
                    sorted = new ArrayList<>(list);
                }
                sorted.sort((a, b) -> a.snapshot().start().compareTo(b.snapshot().start()));
                out.put(mailbox, sorted);
            });
            return out;
        }

        @org.jspecify.annotations.Nullable Observed updated(String eventId, String changeKey) {
            return updates.get(eventId + "|" + changeKey);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
            consumer.close();
        }
    }

    /**
     * The topics sync reads and writes exist before it starts, as in a deployment; otherwise the first record on a
     * new topic makes sync's consumer group rebalance in the middle of the measurement.
     */
    private static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = TOPICS.stream().filter(t -> !existing.contains(t)).map(t -> new NewTopic(t, 3, (short) 1)).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(p);
    }

    private static void send(KafkaProducer<String, byte[]> producer, CloudEventCodec codec, CalbridgeEvent event) throws Exception {
        producer.send(codec.encodeRecord(event, UUID.randomUUID(), Instant.now())).get(30, TimeUnit.SECONDS);
    }

    /** The tenant as provisioning publishes it: the emulator's authority and Graph, its certificate, a sealed secret. */
    private static TenantConfigured tenantConfigured(GraphEmulator emulator, String tenant, String key) throws Exception {
        String credentialId = UUID.randomUUID().toString();
        String sealed = CredentialSeal.fromBase64Key(key).seal(SECRET.toCharArray(), tenant + "/" + credentialId);
        return new TenantConfigured(tenant, "Storm Inc", CLIENT_ID, emulator.authorityHost(), emulator.graphBaseUrl(),
                Files.readString(emulator.certificatePem()),
                List.of(new SealedCredential(credentialId, SealedCredential.Kind.CLIENT_SECRET, sealed, null,
                        Instant.now().plus(30, ChronoUnit.DAYS))), 1, Instant.now(), null);
    }

    private static String address(int i) {
        return "person" + i + "@" + DOMAIN;
    }

    /** One tenant, our app with Calendars.ReadWrite, the mailboxes, and 50 one-hour events a day apart in each. */
    private static String seed(String tenant, List<String> mailboxIds) {
        LocalDate first = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        List<Map<String, Object>> users = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < mailboxIds.size(); i++) {
            users.add(Map.of("id", mailboxIds.get(i), "userPrincipalName", address(i), "displayName", "Person " + i));
            for (int j = 0; j < EVENTS_PER_MAILBOX; j++) {
                LocalDate day = first.plusDays(j);
                events.add(Map.of("mailbox", address(i), "subject", "Event " + j,
                        "start", Map.of("dateTime", day + "T09:00:00", "timeZone", "UTC"),
                        "end", Map.of("dateTime", day + "T10:00:00", "timeZone", "UTC")));
            }
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", tenant);
        t.put("domain", DOMAIN);
        t.put("apps", List.of(Map.of("clientId", CLIENT_ID, "displayName", "Calbridge",
                "secrets", List.of(Map.of("value", SECRET, "expires", "2099-01-01T00:00:00Z")),
                "roles", List.of("Calendars.ReadWrite", "User.Read.All"), "adminConsent", true)));
        t.put("users", users);
        t.put("events", events);
        return JSON.writeValueAsString(Map.of("tenants", List.of(t)));
    }

    /** When sync last applied a delta page to any mailbox (epoch ms), from its own database. */
    private static long lastPageApplied(TestDatabase database) throws Exception {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
             ResultSet rs = c.createStatement().executeQuery("SELECT max(last_synced_at) FROM mailboxes")) {
            return rs.next() && rs.getTimestamp(1) != null ? rs.getTimestamp(1).getTime() : 0;
        }
    }

    private static JsonNode counters(GraphEmulator emulator) {
        return JSON.readTree(emulator.counters().toString());
    }

    private static long subscriptions(GraphEmulator emulator) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(emulator.controlUrl() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body()).path("subscriptions").asLong();
        }
    }

    private static void awaitLog(Path logFile, String text, Duration timeout) throws Exception {
        if (!await(() -> {
            try {
                return Files.readString(logFile).contains(text);
            } catch (java.io.IOException e) {
                return false;
            }
        }, timeout)) {
            throw new IllegalStateException("sync-service did not log '" + text + "' within " + timeout + "; see " + logFile);
        }
    }

    /** Polls {@code done} every 50 ms until it holds or {@code timeout} passes; whether it held. */
    private static boolean await(ThrowingCondition done, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (done.holds()) {
                return true;
            }
            Thread.sleep(50);
        }
        return done.holds();
    }

    @FunctionalInterface
    private interface ThrowingCondition {
        boolean holds() throws Exception;
    }
}
