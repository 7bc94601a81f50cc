package io.calbridge.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) in its own process, started from the Kafka
 * server jars on this JVM's class path ({@code kafka.Kafka} with a generated {@code server.properties}).
 *
 * <p>Unlike the in-process broker it can be stopped and started again on the same address with the same log
 * directory, as a broker outage in production would look to the services: the end-to-end tests use it for that.
 * The process carries {@code -Dcalbridge.home=<home>} on its command line, like the services, so a leftover can be
 * found.
 */
final class BrokerProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Path home;
    private final Path properties;
    private final Path logFile;
    private final int port;
    private @Nullable Process process;

    private BrokerProcess(Path home, Path properties, Path logFile, int port) {
        this.home = home;
        this.properties = properties;
        this.logFile = logFile;
        this.port = port;
    }

    /**
     * Formats a fresh log directory under {@code home/kafka}, starts the broker and creates the topics.
     *
     * @param partitions partitions of each of {@code topics}
     */
    static BrokerProcess start(Path home, List<String> topics, int partitions) throws IOException, InterruptedException {
        Path dir = home.resolve("kafka");
        Path data = dir.resolve("data");
        EmbeddedInfrastructure.deleteRecursively(dir);
        Files.createDirectories(data);
        Files.createDirectories(home.resolve("logs"));
        int port = Stack.freePort();
        int controllerPort = Stack.freePort();
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=1",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
        BrokerProcess broker = new BrokerProcess(home, properties, home.resolve("logs").resolve("kafka.log"), port);
        broker.format();
        broker.startAgain();
        broker.createTopics(topics, partitions);
        return broker;
    }

    private void format() throws IOException, InterruptedException {
        Process formatting = java("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", properties.toString()).start();
        if (!formatting.waitFor(60, TimeUnit.SECONDS) || formatting.exitValue() != 0) {
            formatting.destroyForcibly();
            throw new IllegalStateException("Formatting the Kafka log directory failed; see " + logFile);
        }
    }

    /** Starts the broker process (again, after {@link #stop()}) and waits until it answers. */
    synchronized void startAgain() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("The broker is already running");
        }
        process = java("kafka.Kafka", properties.toString()).start();
        awaitAnswering();
        log.info("Kafka (KRaft, own process {}) ready on {} (log: {})", process.pid(), bootstrapServers(), logFile);
    }

    /** Stops the broker cleanly (SIGTERM) and waits until its process has exited; its data stays. */
    synchronized void stop() throws InterruptedException {
        Process running = process;
        if (running == null) {
            return;
        }
        running.destroy();
        if (!running.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            log.warn("Kafka did not stop within {}; killing it", STOP_TIMEOUT);
            running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Process running = process;
            if (running != null) {
                running.destroyForcibly();
            }
            Thread.currentThread().interrupt();
        }
    }

    private ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1", "-Dcalbridge.home=" + home,
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    }

    private void awaitAnswering() throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        try (Admin admin = admin()) {
            while (Instant.now().isBefore(deadline)) {
                Process running = process;
                if (running == null || !running.isAlive()) {
                    throw new IllegalStateException("Kafka exited during start; see " + logFile);
                }
                try {
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException notYet) {
                    // still starting
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        throw new IllegalStateException("Kafka did not answer within " + START_TIMEOUT + "; see " + logFile);
    }

    private void createTopics(List<String> topics, int partitions) throws InterruptedException {
        try (Admin admin = admin()) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + topic, e.getCause());
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("Creating topic " + topic + " timed out", e);
                }
            }
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4_000));
    }

    /** A Kafka cluster id: 16 random bytes, URL-safe base64 without padding. */
    private static String clusterId() {
        UUID uuid = UUID.randomUUID();
        var bytes = java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
