package io.calbridge.localstack;

import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.emulator.GraphEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts all of Calbridge on embedded defaults: a KRaft broker, PostgreSQL, the Graph emulator seeded with a demo
 * tenant, and the three services as child processes; runs the demo scenario; then keeps running until Ctrl-C,
 * which stops everything.
 */
public final class LocalStack {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final String VERSION = "0.1.0-SNAPSHOT";

    /** A service of the stack: its module (which names the jar), database and HTTP port. */
    private record Service(String module, String database, int port) {}

    private static final List<Service> SERVICES = List.of(
            new Service("provisioning-service", "provisioning", 8081),
            new Service("sync-service", "sync", 8082),
            new Service("room-booking-service", "roombooking", 8083));

    private LocalStack() {}

    public static void main(String[] args) throws Exception {
        StackSettings settings = StackSettings.fromEnvironment(args);
        long started = System.nanoTime();
        List<AutoCloseable> running = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            stopAll(running);
            stopped.countDown();
        }, "local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        log.info("Calbridge local stack: data under {}", settings.home());
        LocalSecrets secrets = LocalSecrets.loadOrCreate(settings.home());
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(settings);
        running.add(infrastructure);

        GraphEmulator emulator = GraphEmulator.start(EmulatorOptions.defaults().toBuilder()
                .httpPort(settings.emulatorHttpPort()).httpsPort(settings.emulatorHttpsPort())
                .stateDir(settings.home().resolve("emulator")).build());
        running.add(emulator);
        emulator.seed(DemoTenant.seedJson(LocalDate.now(ZoneOffset.UTC)));
        log.info("Graph emulator ready: Graph {} · Entra {} · demo tenant {} seeded ({} people, 12 rooms)",
                emulator.graphBaseUrl(), emulator.authorityHost(), DemoTenant.TENANT_ID, DemoTenant.PEOPLE + DemoTenant.NEW_HIRES.size());

        Map<String, String> urls = new LinkedHashMap<>();
        List<ServiceProcess> services = new ArrayList<>();
        for (Service service : SERVICES) {
            Path jar = settings.repositoryRoot().resolve(service.module()).resolve("target")
                    .resolve(service.module() + "-" + VERSION + ".jar");
            Map<String, String> environment = Map.of(
                    "KAFKA_BOOTSTRAP", infrastructure.kafkaBootstrap(),
                    "DATABASE_URL", infrastructure.jdbcUrl(service.database()),
                    "DATABASE_USER", EmbeddedInfrastructure.DB_USER,
                    "DATABASE_PASSWORD", "",
                    "CALBRIDGE_ENCRYPTION_KEY", secrets.encryptionKey(),
                    "CALBRIDGE_API_KEYS", secrets.apiKeysEntry());
            ServiceProcess process = ServiceProcess.start(service.module(), jar, service.port(), environment,
                    List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), settings.home().resolve("logs"));
            running.add(process);
            services.add(process);
            urls.put(service.module(), process.baseUrl());
            log.info("Starting {} on {} (log: {})", service.module(), process.baseUrl(), process.logFile());
        }
        for (ServiceProcess service : services) {
            service.awaitHttpOk("/actuator/health/readiness", Duration.ofMinutes(3));
            log.info("✔ {} is ready", service.name());
        }
        Duration upIn = Duration.ofNanos(System.nanoTime() - started);
        log.info("All services ready in {} s; running the demo", upIn.toSeconds());

        List<DemoScenario.Outcome> outcomes;
        try (EventWatch events = new EventWatch(infrastructure.kafkaBootstrap())) {
            outcomes = new DemoScenario(emulator, events, urls, secrets).run();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        printSummary(settings, infrastructure, emulator, services, secrets, outcomes, upIn, elapsed);
        boolean passed = outcomes.stream().allMatch(DemoScenario.Outcome::passed);

        if (settings.keepRunning()) {
            log.info("Everything keeps running for interactive use. Press Ctrl-C to stop.");
            stopped.await();
        } else {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            stopAll(running);
            System.exit(passed ? 0 : 1);
        }
    }

    private static void printSummary(StackSettings settings, EmbeddedInfrastructure infrastructure, GraphEmulator emulator,
            List<ServiceProcess> services, LocalSecrets secrets, List<DemoScenario.Outcome> outcomes, Duration upIn,
            Duration elapsed) {
        StringBuilder out = new StringBuilder("\n==== Calbridge demo: ");
        long passed = outcomes.stream().filter(DemoScenario.Outcome::passed).count();
        out.append(passed).append('/').append(outcomes.size()).append(" steps passed (up in ").append(upIn.toSeconds())
                .append(" s, cold start to finished scenario ").append(elapsed.toSeconds()).append(" s) ====\n");
        for (DemoScenario.Outcome outcome : outcomes) {
            out.append(outcome.passed() ? "  ✔ " : "  ✘ ").append(outcome.step()).append("\n      ").append(outcome.detail()).append('\n');
        }
        out.append("\n  Kafka (KRaft)          ").append(infrastructure.kafkaBootstrap()).append('\n');
        out.append("  PostgreSQL             ").append(infrastructure.jdbcUrl("<provisioning|sync|roombooking>")).append('\n');
        out.append("  Graph emulator         ").append(emulator.graphBaseUrl()).append("  (control plane ")
                .append(emulator.controlUrl()).append(")\n");
        for (ServiceProcess service : services) {
            out.append(String.format("  %-22s %s  API docs: %s/swagger-ui.html%n", service.name(), service.baseUrl(), service.baseUrl()));
        }
        out.append("\n  API keys (generated, kept in ").append(settings.home().resolve("secrets.properties")).append("):\n");
        out.append("    operator (all tenants):        ").append(secrets.operatorKey()).append('\n');
        out.append("    demo tenant front end:         ").append(secrets.tenantKey()).append('\n');
        out.append("    try: curl -H 'Authorization: Bearer ").append(secrets.tenantKey()).append("' ")
                .append(services.get(2).baseUrl()).append("/api/tenants/").append(DemoTenant.TENANT_ID).append("/rooms\n");
        out.append("\n  Data and logs: ").append(settings.home()).append(settings.keepRunning()
                ? "\n  The system keeps running for interactive use; Ctrl-C stops everything.\n"
                : "\n  --exit-after-demo given: stopping now.\n");
        System.out.println(out);
    }

    private static void stopAll(List<AutoCloseable> running) {
        List<AutoCloseable> reversed;
        synchronized (running) {
            reversed = new ArrayList<>(running);
            running.clear();
        }
        Collections.reverse(reversed);
        for (AutoCloseable component : reversed) {
            try {
                component.close();
            } catch (Exception e) {
                log.warn("Could not stop {} cleanly: {}", component, e.toString());
            }
        }
    }
}
