package io.calbridge.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class MessagingSettingsTest {

    @Test
    void emptyConfigurationBindsToTheDocumentedDefaults() {
        MessagingSettings bound = bind(Map.of("calbridge.messaging.outbox.relay-enabled", "true"));

        assertThat(bound).isEqualTo(MessagingSettings.defaults());
    }

    @Test
    void relaxedNamesAndDurationsBind() {
        MessagingSettings bound = bind(Map.of(
                "calbridge.messaging.outbox.poll-interval", "250ms",
                "calbridge.messaging.outbox.batch-size", "50",
                "calbridge.messaging.consumer.group", "sync-service",
                "calbridge.messaging.consumer.max-retries", "3"));

        assertThat(bound.outbox().pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(bound.outbox().batchSize()).isEqualTo(50);
        assertThat(bound.consumer().group()).isEqualTo("sync-service");
        assertThat(bound.consumer().maxRetries()).isEqualTo(3);
    }

    @Test
    void zeroBatchSizeIsRejectedAtStartup() {
        assertThatThrownBy(() -> bind(Map.of("calbridge.messaging.outbox.batch-size", "0")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("batch-size must be at least 1");
    }

    private static MessagingSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bind("calbridge.messaging", MessagingSettings.class).get();
    }
}
