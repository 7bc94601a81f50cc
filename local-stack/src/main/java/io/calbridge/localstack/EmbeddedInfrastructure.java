package io.calbridge.localstack;

import io.calbridge.common.Topics;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real KRaft Kafka broker and a real PostgreSQL server, both in this JVM's control. The broker runs in this JVM,
 * or, when {@link StackSettings#brokerInOwnProcess()} asks for it, as its own process that can be stopped and
 * started again ({@link #stopBroker()}, {@link #startBroker()}).
 */
final class EmbeddedInfrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);
    static final String DB_USER = "postgres";
    static final List<String> DATABASES = List.of("provisioning", "sync", "roombooking");

    private static final int PARTITIONS = 3;

    private final @Nullable EmbeddedKafkaKraftBroker kafka;
    private final @Nullable BrokerProcess kafkaProcess;
    private final EmbeddedPostgres postgres;

    private EmbeddedInfrastructure(@Nullable EmbeddedKafkaKraftBroker kafka, @Nullable BrokerProcess kafkaProcess,
            EmbeddedPostgres postgres) {
        this.kafka = kafka;
        this.kafkaProcess = kafkaProcess;
        this.postgres = postgres;
    }

    static EmbeddedInfrastructure start(StackSettings settings) throws IOException, SQLException, InterruptedException {
        // Each run starts from a clean database: the emulator is re-seeded in memory, so state kept from an
        // earlier run would describe a directory that no longer exists.
        Path pgData = settings.home().resolve("postgres");
        deleteRecursively(pgData);
        Files.createDirectories(pgData);
        var builder = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(true);
        if (settings.postgresPort() != 0) {
            builder.setPort(settings.postgresPort());
        }
        EmbeddedPostgres postgres = builder.start();
        createDatabases(postgres);
        log.info("PostgreSQL ready on 127.0.0.1:{} (data in {})", postgres.getPort(), pgData);

        if (settings.brokerInOwnProcess()) {
            try {
                return new EmbeddedInfrastructure(null, BrokerProcess.start(settings.home(), Topics.ALL, PARTITIONS), postgres);
            } catch (IOException | InterruptedException | RuntimeException e) {
                postgres.close();
                throw e;
            }
        }
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, PARTITIONS, Topics.ALL.toArray(String[]::new));
        kafka.brokerProperties(Map.of("auto.create.topics.enable", "true", "group.initial.rebalance.delay.ms", "0"));
        kafka.afterPropertiesSet();
        log.info("Kafka (KRaft) ready on {}", kafka.getBrokersAsString());
        return new EmbeddedInfrastructure(kafka, null, postgres);
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void createDatabases(EmbeddedPostgres postgres) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String db : DATABASES) {
                var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'");
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + db);
                }
            }
        }
    }

    String kafkaBootstrap() {
        return kafkaProcess != null ? kafkaProcess.bootstrapServers() : java.util.Objects.requireNonNull(kafka).getBrokersAsString();
    }

    /** Stops the broker (its own process only) as an outage would; its address and data stay for {@link #startBroker()}. */
    void stopBroker() throws InterruptedException {
        ownProcessBroker().stop();
    }

    /** Starts the stopped broker again on the same address with the same data, and waits until it answers. */
    void startBroker() throws IOException, InterruptedException {
        ownProcessBroker().startAgain();
    }

    private BrokerProcess ownProcessBroker() {
        if (kafkaProcess == null) {
            throw new IllegalStateException("The broker runs in this JVM; only a broker in its own process can be stopped and started");
        }
        return kafkaProcess;
    }

    String jdbcUrl(String database) {
        return postgres.getJdbcUrl(DB_USER, database);
    }

    @Override
    public void close() {
        try {
            if (kafka != null) {
                kafka.destroy();
            }
            if (kafkaProcess != null) {
                kafkaProcess.close();
            }
        } catch (RuntimeException e) {
            log.warn("Kafka did not stop cleanly: {}", e.toString());
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.warn("PostgreSQL did not stop cleanly: {}", e.toString());
        }
    }
}
