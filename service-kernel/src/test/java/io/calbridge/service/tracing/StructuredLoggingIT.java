package io.calbridge.service.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.calbridge.messaging.TraceContext;
import io.calbridge.testsupport.RealInfrastructure;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code logging.structured.format.console=ecs} (as containers run: {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs})
 * every log line is one JSON object, and a line written inside a trace carries its {@code traceId} and {@code spanId}.
 */
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = TracingIT.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.application.name=structured-logging-it",
        "spring.flyway.locations=classpath:db/kernel",
        "logging.structured.format.console=ecs",
        "calbridge.encryption-key=q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=",
        "calbridge.security.api-keys=ops:*:2c69bc9111c27110a9b9a7974ba3f8ac0c053c16b23a0738115ee829fbc4d57b"})
class StructuredLoggingIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void logLinesAreJsonWithTheTraceId(CapturedOutput output) throws Exception {
        TraceContext caller = TraceContext.newTrace();
        String key = "structured-" + UUID.randomUUID();

        var response = TracingIT.appendThroughHttp(port, key, caller);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode line = output.getOut().lines().filter(l -> l.contains("Event " + key + " appended")).findFirst()
                .map(JSON::readTree).orElseThrow(() -> new AssertionError("no log line for " + key));
        assertThat(line.path("traceId").asString()).isEqualTo(caller.traceId());
        assertThat(line.path("spanId").asString()).matches("[0-9a-f]{16}");
        assertThat(line.path("log").path("level").asString()).isEqualTo("INFO");
    }
}
