package io.calbridge.testsupport;

import java.lang.reflect.Modifier;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Static access to the broker and database that {@link RealInfrastructure} provides, for tests that do not use
 * Spring (and for fixtures inside Spring tests).
 *
 * <p>The per-class accessors ({@link #database()}, {@link #dataSource()}) refer to the annotated test class that
 * is currently running; JUnit runs classes one at a time unless parallel execution is enabled, in which case use
 * {@link #databaseFor(Class)}.
 */
public final class TestInfrastructure {

    private static volatile Class<?> current;

    private TestInfrastructure() {
    }

    /** Bootstrap servers of the JVM-wide Kafka broker, e.g. {@code 127.0.0.1:40123}; starts it on first use. */
    public static String kafkaBootstrap() {
        return SharedKafka.bootstrap();
    }

    /** Which broker serves {@link #kafkaBootstrap()}: the in-process KRaft broker or a Testcontainers image. */
    public static String kafkaDescription() {
        return SharedKafka.description();
    }

    /** The database of the running {@link RealInfrastructure} test class. */
    public static TestDatabase database() {
        Class<?> running = current;
        if (running == null) {
            throw new IllegalStateException("No @RealInfrastructure test class is running");
        }
        return databaseFor(running);
    }

    /** A new unpooled data source for the running test class's database. */
    public static DataSource dataSource() {
        return database().dataSource();
    }

    /** The database of the given test class (or of the annotated class enclosing it), created on first use. */
    public static TestDatabase databaseFor(Class<?> testClass) {
        return SharedPostgres.databaseFor(owner(testClass));
    }

    /**
     * The properties a Spring application needs to use this infrastructure for the given test class: datasource
     * URL, user and password, {@code spring.kafka.bootstrap-servers} and the Spring Cloud Stream binder brokers.
     */
    public static Map<String, Object> springProperties(Class<?> testClass) {
        TestDatabase database = databaseFor(testClass);
        String kafka = kafkaBootstrap();
        return Map.of(
                "spring.datasource.url", database.jdbcUrl(),
                "spring.datasource.username", database.username(),
                "spring.datasource.password", database.password(),
                "spring.kafka.bootstrap-servers", kafka,
                "spring.cloud.stream.kafka.binder.brokers", kafka);
    }

    /**
     * The class whose database a test class uses: the outermost annotated class reachable through inner
     * ({@code @Nested}) classes. A static nested class is a test class of its own.
     */
    static Class<?> owner(Class<?> testClass) {
        Class<?> owner = testClass;
        for (Class<?> c = testClass; c != null; c = innerOf(c)) {
            if (AnnotatedElementUtils.hasAnnotation(c, RealInfrastructure.class)) {
                owner = c;
            }
        }
        return owner;
    }

    static boolean isAnnotated(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = innerOf(c)) {
            if (AnnotatedElementUtils.hasAnnotation(c, RealInfrastructure.class)) {
                return true;
            }
        }
        return false;
    }

    /** The enclosing class of an inner class, or null for a top-level or static nested class. */
    private static Class<?> innerOf(Class<?> c) {
        return Modifier.isStatic(c.getModifiers()) ? null : c.getEnclosingClass();
    }

    static void enter(Class<?> owner) {
        kafkaBootstrap();
        databaseFor(owner);
        current = owner;
    }

    static void leave(Class<?> testClass) {
        if (testClass.equals(current)) {
            current = null;
        }
    }
}
