package io.calbridge.service.tracing;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Logging defaults every service shares, below anything the service or its environment sets: the console pattern
 * shows {@code [traceId-spanId]} of the current trace. Structured JSON logs (for containers) are switched on with
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}; they carry {@code traceId} and {@code spanId} from the MDC.
 */
public class LoggingDefaults implements EnvironmentPostProcessor {

    static final String CORRELATION_PATTERN = "[%X{traceId:-}-%X{spanId:-}] ";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("calbridgeLoggingDefaults",
                Map.of("logging.pattern.correlation", CORRELATION_PATTERN)));
    }
}
