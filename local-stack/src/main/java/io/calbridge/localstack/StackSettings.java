package io.calbridge.localstack;

import java.nio.file.Path;

/**
 * Where the local stack keeps its data and which ports it uses.
 *
 * @param home           every file the stack writes lives below this folder (database, broker logs, service logs)
 * @param repositoryRoot the Calbridge checkout, where the services' built jars are found
 * @param postgresPort   PostgreSQL's port on 127.0.0.1
 * @param emulatorHttpPort  the Graph emulator's plain-http port (Graph paths and control plane) on 127.0.0.1
 * @param emulatorHttpsPort the Graph emulator's https port (Entra token endpoint) on 127.0.0.1
 * @param servicePorts   HTTP ports of provisioning, sync and room-booking, in that order; 0 picks a free one
 * @param keepRunning    after the demo, keep everything running until Ctrl-C
 * @param emulatorOnly   run only the Graph emulator seeded with the demo tenant (the docker-compose service)
 * @param brokerInOwnProcess run the Kafka broker as its own process (from the Kafka jars on the class path, so not
 *                       from the packaged jar) instead of in this JVM, so that it can be stopped and started again
 * @param serviceEnvironment extra environment variables of a service's process, by module (settings a test changes)
 */
record StackSettings(Path home, Path repositoryRoot, int postgresPort, int emulatorHttpPort, int emulatorHttpsPort,
        java.util.List<Integer> servicePorts, boolean keepRunning, boolean emulatorOnly, boolean brokerInOwnProcess,
        java.util.Map<String, java.util.Map<String, String>> serviceEnvironment) {

    /**
     * Settings for tests: everything under {@code home}, every port free and chosen at start, the broker in its own
     * process.
     */
    static StackSettings forTests(Path home, Path repositoryRoot) {
        return new StackSettings(home, repositoryRoot, 0, 0, 0, java.util.List.of(0, 0, 0), false, false, true, java.util.Map.of());
    }

    /** These settings, with {@code environment} added to the process environment of {@code module}. */
    StackSettings withServiceEnvironment(String module, java.util.Map<String, String> environment) {
        var services = new java.util.HashMap<>(serviceEnvironment);
        services.merge(module, environment, (before, added) -> {
            var merged = new java.util.HashMap<>(before);
            merged.putAll(added);
            return merged;
        });
        return new StackSettings(home, repositoryRoot, postgresPort, emulatorHttpPort, emulatorHttpsPort, servicePorts, keepRunning,
                emulatorOnly, brokerInOwnProcess, java.util.Map.copyOf(services));
    }

    static StackSettings fromEnvironment(String[] args) {
        Path root = Path.of(env("CALBRIDGE_REPO", ".")).toAbsolutePath().normalize();
        Path home = Path.of(env("CALBRIDGE_HOME", root.resolve(".calbridge").toString())).toAbsolutePath().normalize();
        boolean keepRunning = true;
        boolean emulatorOnly = false;
        for (String arg : args) {
            switch (arg) {
                case "--exit-after-demo" -> keepRunning = false;
                case "--keep-running" -> keepRunning = true;
                case "--emulator-only" -> emulatorOnly = true;
                default -> throw new IllegalArgumentException(
                        "Unknown option " + arg + " (known: --exit-after-demo, --keep-running, --emulator-only)");
            }
        }
        return new StackSettings(home, root,
                Integer.parseInt(env("CALBRIDGE_POSTGRES_PORT", "5433")),
                Integer.parseInt(env("CALBRIDGE_EMULATOR_PORT", "8089")),
                Integer.parseInt(env("CALBRIDGE_EMULATOR_HTTPS_PORT", "8443")),
                java.util.Arrays.stream(env("CALBRIDGE_SERVICE_PORTS", "8081,8082,8083").split(","))
                        .map(String::strip).map(Integer::valueOf).toList(),
                keepRunning, emulatorOnly, false, java.util.Map.of());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
