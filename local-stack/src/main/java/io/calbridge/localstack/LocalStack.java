package io.calbridge.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts all of Calbridge on embedded defaults: a KRaft broker, PostgreSQL, and the services as child
 * processes; shows it working; then keeps running until Ctrl-C, which stops everything.
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
        List<AutoCloseable> running = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            stopAll(running);
            stopped.countDown();
        }, "local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        log.info("Calbridge local stack: data under {}", settings.home());
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(settings);
        running.add(infrastructure);

        List<ServiceProcess> services = new ArrayList<>();
        for (Service service : SERVICES) {
            Path jar = settings.repositoryRoot().resolve(service.module()).resolve("target")
                    .resolve(service.module() + "-" + VERSION + ".jar");
            Map<String, String> environment = Map.of(
                    "KAFKA_BOOTSTRAP", infrastructure.kafkaBootstrap(),
                    "DATABASE_URL", infrastructure.jdbcUrl(service.database()),
                    "DATABASE_USER", EmbeddedInfrastructure.DB_USER,
                    "DATABASE_PASSWORD", "");
            ServiceProcess process = ServiceProcess.start(service.module(), jar, service.port(), environment,
                    List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"), settings.home().resolve("logs"));
            running.add(process);
            services.add(process);
            log.info("Starting {} on {} (log: {})", service.module(), process.baseUrl(), process.logFile());
        }
        for (ServiceProcess service : services) {
            service.awaitHttpOk("/actuator/health/readiness", Duration.ofMinutes(2));
            log.info("✔ {} is ready", service.name());
        }

        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        printSummary(settings, infrastructure, services, elapsed);

        if (settings.keepRunning()) {
            log.info("Everything is running. Press Ctrl-C to stop.");
            stopped.await();
        } else {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            stopAll(running);
        }
    }

    private static void printSummary(StackSettings settings, EmbeddedInfrastructure infrastructure,
            List<ServiceProcess> services, Duration elapsed) {
        StringBuilder out = new StringBuilder("\n==== Calbridge is up (").append(elapsed.toSeconds()).append(" s) ====\n");
        out.append(String.format("  %-22s %s%n", "Kafka (KRaft)", infrastructure.kafkaBootstrap()));
        out.append(String.format("  %-22s %s%n", "PostgreSQL", infrastructure.jdbcUrl("<service>")));
        for (ServiceProcess service : services) {
            out.append(String.format("  %-22s %s  (API docs: %s/swagger-ui.html)%n", service.name(), service.baseUrl(), service.baseUrl()));
        }
        out.append("  Data and logs:         ").append(settings.home()).append('\n');
        System.out.println(out);
    }

    private static void stopAll(List<AutoCloseable> running) {
        List<AutoCloseable> reversed = new ArrayList<>(running);
        java.util.Collections.reverse(reversed);
        for (AutoCloseable component : reversed) {
            try {
                component.close();
            } catch (Exception e) {
                log.warn("Could not stop {} cleanly: {}", component, e.toString());
            }
        }
        running.clear();
    }
}
