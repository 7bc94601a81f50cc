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
 * @param keepRunning    after the demo, keep everything running until Ctrl-C
 */
record StackSettings(Path home, Path repositoryRoot, int postgresPort, int emulatorHttpPort, int emulatorHttpsPort, boolean keepRunning) {

    static StackSettings fromEnvironment(String[] args) {
        Path root = Path.of(env("CALBRIDGE_REPO", ".")).toAbsolutePath().normalize();
        Path home = Path.of(env("CALBRIDGE_HOME", root.resolve(".calbridge").toString())).toAbsolutePath().normalize();
        boolean keepRunning = true;
        for (String arg : args) {
            switch (arg) {
                case "--exit-after-demo" -> keepRunning = false;
                case "--keep-running" -> keepRunning = true;
                default -> throw new IllegalArgumentException("Unknown option " + arg + " (known: --exit-after-demo, --keep-running)");
            }
        }
        return new StackSettings(home, root,
                Integer.parseInt(env("CALBRIDGE_POSTGRES_PORT", "5433")),
                Integer.parseInt(env("CALBRIDGE_EMULATOR_PORT", "8089")),
                Integer.parseInt(env("CALBRIDGE_EMULATOR_HTTPS_PORT", "8443")),
                keepRunning);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
