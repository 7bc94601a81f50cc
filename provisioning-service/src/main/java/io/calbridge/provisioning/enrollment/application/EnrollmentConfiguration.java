package io.calbridge.provisioning.enrollment.application;

import java.time.Duration;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@link EnrollmentSettings} from {@code calbridge.provisioning.enrollment.*}. */
@Configuration
public class EnrollmentConfiguration {

    private static final String PREFIX = "calbridge.provisioning.enrollment.";

    @Bean
    EnrollmentSettings enrollmentSettings(Environment env) {
        EnrollmentSettings d = EnrollmentSettings.defaults();
        return new EnrollmentSettings(
                env.getProperty(PREFIX + "poll-interval", Duration.class, d.pollInterval()),
                env.getProperty(PREFIX + "batch-size", Integer.class, d.batchSize()),
                env.getProperty(PREFIX + "lease", Duration.class, d.lease()),
                env.getProperty(PREFIX + "verify-timeout", Duration.class, d.verifyTimeout()),
                env.getProperty(PREFIX + "verify-initial-backoff", Duration.class, d.verifyInitialBackoff()),
                env.getProperty(PREFIX + "verify-max-backoff", Duration.class, d.verifyMaxBackoff()),
                env.getProperty(PREFIX + "retry-backoff", Duration.class, d.retryBackoff()),
                env.getProperty(PREFIX + "max-attempts", Integer.class, d.maxAttempts()),
                env.getProperty(PREFIX + "linger", Duration.class, d.linger()));
    }
}
