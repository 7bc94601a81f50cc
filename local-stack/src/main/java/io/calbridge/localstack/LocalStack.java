package io.calbridge.localstack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./run-local}: starts all of Calbridge on embedded defaults, runs the demo scenario with a summary, then
 * keeps running until Ctrl-C, which stops everything.
 */
public final class LocalStack {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private LocalStack() {}

    public static void main(String[] args) throws Exception {
        StackSettings settings = StackSettings.fromEnvironment(args);
        if (settings.emulatorOnly()) {
            runEmulatorOnly(settings);
            return;
        }
        long started = System.nanoTime();
        AtomicReference<Stack> running = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            Stack stack = running.getAndSet(null);
            if (stack != null) {
                log.info("Stopping Calbridge…");
                stack.close();
            }
            stopped.countDown();
        }, "local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        log.info("Calbridge local stack: data under {}", settings.home());
        Stack stack = Stack.start(settings);
        running.set(stack);
        Duration upIn = Duration.ofNanos(System.nanoTime() - started);
        log.info("All services ready in {} s; running the demo", upIn.toSeconds());

        List<DemoScenario.Outcome> outcomes;
        try (EventWatch events = new EventWatch(stack.infrastructure.kafkaBootstrap())) {
            outcomes = new DemoScenario(stack.emulator, events, stack.serviceUrls(), stack.secrets).run();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        printSummary(stack, outcomes, upIn, elapsed);
        boolean passed = outcomes.stream().allMatch(DemoScenario.Outcome::passed);

        if (settings.keepRunning()) {
            log.info("Everything keeps running for interactive use. Press Ctrl-C to stop.");
            stopped.await();
        } else {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            running.set(null);
            stack.close();
            System.exit(passed ? 0 : 1);
        }
    }

    /**
     * The docker-compose {@code graph-emulator} service: the emulator alone, seeded with the same demo tenant, listening
     * on {@code GRAPH_EMULATOR_BIND} and naming itself {@code GRAPH_EMULATOR_PUBLIC_HOST}.
     */
    private static void runEmulatorOnly(StackSettings settings) throws InterruptedException {
        String bind = System.getenv().getOrDefault("GRAPH_EMULATOR_BIND", "127.0.0.1");
        String publicHost = System.getenv().getOrDefault("GRAPH_EMULATOR_PUBLIC_HOST", "127.0.0.1");
        var emulator = io.calbridge.emulator.GraphEmulator.start(io.calbridge.emulator.EmulatorOptions.defaults().toBuilder()
                .httpPort(settings.emulatorHttpPort()).httpsPort(settings.emulatorHttpsPort())
                .bindAddress(bind).publicHost(publicHost).stateDir(settings.home().resolve("emulator")).build());
        emulator.seed(DemoTenant.seedJson(java.time.LocalDate.now(java.time.ZoneOffset.UTC)));
        log.info("Graph emulator with the demo tenant {}: Graph {} · Entra {} · certificate {}", DemoTenant.TENANT_ID,
                emulator.graphBaseUrl(), emulator.authorityHost(), emulator.certificatePem());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stop.countDown();
        }));
        stop.await();
    }

    private static void printSummary(Stack stack, List<DemoScenario.Outcome> outcomes, Duration upIn, Duration elapsed) {
        StringBuilder out = new StringBuilder("\n==== Calbridge demo: ");
        long passed = outcomes.stream().filter(DemoScenario.Outcome::passed).count();
        out.append(passed).append('/').append(outcomes.size()).append(" steps passed (up in ").append(upIn.toSeconds())
                .append(" s, cold start to finished scenario ").append(elapsed.toSeconds()).append(" s) ====\n");
        for (DemoScenario.Outcome outcome : outcomes) {
            out.append(outcome.passed() ? "  ✔ " : "  ✘ ").append(outcome.step()).append("\n      ").append(outcome.detail()).append('\n');
        }
        out.append("\n  Kafka (KRaft)          ").append(stack.infrastructure.kafkaBootstrap()).append('\n');
        out.append("  PostgreSQL             ").append(stack.infrastructure.jdbcUrl("<provisioning|sync|roombooking>")).append('\n');
        out.append("  Graph emulator         ").append(stack.emulator.graphBaseUrl()).append("  (control plane ")
                .append(stack.emulator.controlUrl()).append(")\n");
        for (ServiceProcess service : stack.services()) {
            out.append(String.format("  %-22s %s  API docs: %s/swagger-ui.html%n", service.name(), service.baseUrl(), service.baseUrl()));
        }
        out.append("\n  API keys (generated, kept in ").append(stack.settings.home().resolve("secrets.properties")).append("):\n");
        out.append("    operator (all tenants):        ").append(stack.secrets.operatorKey()).append('\n');
        out.append("    demo tenant front end:         ").append(stack.secrets.tenantKey()).append('\n');
        out.append("    try: curl -H 'Authorization: Bearer ").append(stack.secrets.tenantKey()).append("' ")
                .append(stack.serviceUrls().get("room-booking-service")).append("/api/tenants/").append(DemoTenant.TENANT_ID).append("/rooms\n");
        out.append("\n  Data and logs: ").append(stack.settings.home()).append(stack.settings.keepRunning()
                ? "\n  The system keeps running for interactive use; Ctrl-C stops everything.\n"
                : "\n  --exit-after-demo given: stopping now.\n");
        System.out.println(out);
    }
}
