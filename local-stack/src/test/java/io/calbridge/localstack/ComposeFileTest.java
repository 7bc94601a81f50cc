package io.calbridge.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs where this is built, so {@code docker compose up} cannot be tried here. This checks what can
 * be checked without one: the services are all there with health checks, every image builds a module that exists,
 * and every variable the compose file sets is one the service reads.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final List<String> CALBRIDGE_SERVICES = List.of("provisioning-service", "sync-service", "room-booking-service");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        Map<String, Object> compose = new Yaml(options).load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void runsKafkaInKraftModePostgresTheEmulatorAndTheThreeServicesWithHealthChecks() throws IOException {
        var services = services();

        assertThat(services).containsOnlyKeys("kafka", "postgres", "graph-emulator", "provisioning-service", "sync-service",
                "room-booking-service");
        assertThat(services.get("kafka").get("image").toString()).startsWith("apache/kafka:");
        assertThat(services.get("kafka").get("environment").toString()).contains("KAFKA_PROCESS_ROLES=broker,controller");
        assertThat(services.get("postgres").get("image").toString()).startsWith("postgres:");
        assertThat(services.values()).allSatisfy(service -> assertThat(service).containsKey("healthcheck"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyImageBuildsAModuleOfThisRepository() throws IOException {
        for (var entry : services().entrySet()) {
            var build = (Map<String, Object>) entry.getValue().get("build");
            if (build == null) {
                continue;
            }
            String module = ((Map<String, String>) build.get("args")).get("MODULE");
            assertThat(ROOT.resolve(module).resolve("pom.xml")).as(entry.getKey()).isRegularFile();
        }
        assertThat(ROOT.resolve("Dockerfile")).isRegularFile();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariableSetForAServiceIsOneItReadsAndItsDatabaseIsCreated() throws IOException {
        String initSql = Files.readString(ROOT.resolve("docker/postgres-init.sql"));
        for (String name : CALBRIDGE_SERVICES) {
            var service = services().get(name);
            var environment = (Map<String, Object>) service.get("environment");
            String applicationYml = Files.readString(ROOT.resolve(name).resolve("src/main/resources/application.yml"));

            for (String variable : environment.keySet()) {
                if (variable.startsWith("LOGGING_")) {
                    continue; // Spring Boot's own relaxed binding of logging.structured.format.console
                }
                assertThat(applicationYml).as("%s reads %s", name, variable).contains("${" + variable);
            }
            String database = environment.get("DATABASE_URL").toString().replaceAll(".*/", "");
            assertThat(initSql).as("database of " + name).contains("CREATE DATABASE " + database + ";");
            String port = environment.get("PORT").toString();
            assertThat((List<String>) service.get("ports")).containsExactly(port + ":" + port);
        }
    }
}
