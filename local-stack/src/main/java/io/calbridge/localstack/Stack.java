package io.calbridge.localstack;

import io.calbridge.emulator.EmulatorOptions;
import io.calbridge.emulator.GraphEmulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All of Calbridge, running: the broker and database, the seeded Graph emulator, and each service as its own
 * process. {@link LocalStack} starts one for people; the end-to-end tests start one per test class.
 */
final class Stack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Stack.class);
    private static final String VERSION = "0.1.0-SNAPSHOT";
    static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

    /** A service of the stack: its module (which names the jar) and database. */
    record Service(String module, String database) {}

    static final List<Service> SERVICES = List.of(
            new Service("provisioning-service", "provisioning"),
            new Service("sync-service", "sync"),
            new Service("room-booking-service", "roombooking"));

    final StackSettings settings;
    final LocalSecrets secrets;
    final EmbeddedInfrastructure infrastructure;
    final GraphEmulator emulator;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, ServiceLaunch> launches = new LinkedHashMap<>();
    private final List<AutoCloseable> closeables = Collections.synchronizedList(new ArrayList<>());

    /** How to (re)start one service. */
    private record ServiceLaunch(Path jar, int port, Map<String, String> environment) {}

    private Stack(StackSettings settings, LocalSecrets secrets, EmbeddedInfrastructure infrastructure, GraphEmulator emulator) {
        this.settings = settings;
        this.secrets = secrets;
        this.infrastructure = infrastructure;
        this.emulator = emulator;
    }

    /** Starts everything and waits until each service is ready. */
    static Stack start(StackSettings settings) throws Exception {
        LocalSecrets secrets = LocalSecrets.loadOrCreate(settings.home());
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(settings);
        GraphEmulator emulator;
        try {
            emulator = GraphEmulator.start(EmulatorOptions.defaults().toBuilder()
                    .httpPort(settings.emulatorHttpPort()).httpsPort(settings.emulatorHttpsPort())
                    .stateDir(settings.home().resolve("emulator")).build());
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
        Stack stack = new Stack(settings, secrets, infrastructure, emulator);
        stack.closeables.add(infrastructure);
        stack.closeables.add(emulator);
        try {
            emulator.seed(DemoTenant.seedJson(LocalDate.now(ZoneOffset.UTC)));
            log.info("Graph emulator ready: Graph {} · Entra {} · demo tenant {} seeded ({} people, 12 rooms)",
                    emulator.graphBaseUrl(), emulator.authorityHost(), DemoTenant.TENANT_ID, DemoTenant.PEOPLE + DemoTenant.NEW_HIRES.size());
            for (int i = 0; i < SERVICES.size(); i++) {
                Service service = SERVICES.get(i);
                int port = settings.servicePorts().get(i) == 0 ? freePort() : settings.servicePorts().get(i);
                Path jar = settings.repositoryRoot().resolve(service.module()).resolve("target")
                        .resolve(service.module() + "-" + VERSION + ".jar");
                Map<String, String> environment = new LinkedHashMap<>(Map.of(
                        "KAFKA_BOOTSTRAP", infrastructure.kafkaBootstrap(),
                        "DATABASE_URL", infrastructure.jdbcUrl(service.database()),
                        "DATABASE_USER", EmbeddedInfrastructure.DB_USER,
                        "DATABASE_PASSWORD", "",
                        "CALBRIDGE_ENCRYPTION_KEY", secrets.encryptionKey(),
                        "CALBRIDGE_API_KEYS", secrets.apiKeysEntry()));
                environment.putAll(settings.serviceEnvironment().getOrDefault(service.module(), Map.of()));
                stack.launches.put(service.module(), new ServiceLaunch(jar, port, environment));
                stack.launch(service.module());
            }
            for (ServiceProcess service : stack.services.values()) {
                service.awaitHttpOk("/actuator/health/readiness", READY_TIMEOUT);
                log.info("✔ {} is ready", service.name());
            }
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private ServiceProcess launch(String module) throws IOException {
        ServiceLaunch launch = launches.get(module);
        ServiceProcess process = ServiceProcess.start(module, launch.jar(), launch.port(), launch.environment(),
                // calbridge.home marks the process as this stack's, so a leftover can be found by its command line
                List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-Dcalbridge.home=" + settings.home()), settings.home().resolve("logs"));
        services.put(module, process);
        log.info("Starting {} on {} (log: {})", module, process.baseUrl(), process.logFile());
        return process;
    }

    /** Kills a service without letting it shut down cleanly, as a crash or an OOM kill would. */
    void kill(String module) {
        services.get(module).kill();
    }

    /** Starts a killed service again on the same port and database, and waits until it is ready. */
    void restart(String module) throws IOException, InterruptedException {
        launch(module).awaitHttpOk("/actuator/health/readiness", READY_TIMEOUT);
    }

    Map<String, String> serviceUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        services.forEach((module, process) -> urls.put(module, process.baseUrl()));
        return urls;
    }

    List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    /** Stops the services first, then the emulator, broker and database. */
    @Override
    public void close() {
        List<AutoCloseable> order = new ArrayList<>(services.values());
        services.clear();
        synchronized (closeables) {
            List<AutoCloseable> rest = new ArrayList<>(closeables);
            Collections.reverse(rest);
            order.addAll(rest);
            closeables.clear();
        }
        for (AutoCloseable component : order) {
            try {
                component.close();
            } catch (Exception e) {
                log.warn("Could not stop {} cleanly: {}", component, e.toString());
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
