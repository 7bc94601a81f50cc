package io.calbridge.bench.services;

import io.calbridge.localstack.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Starts a Calbridge service from its runnable jar as a child process of the bench JVM, so a scenario measures the
 * service as it runs in production: its own JVM, talking to the bench's broker, database and emulator over the
 * network. Works from the repository root ({@code bench/run}) and from the bench module (Failsafe).
 */
public final class ServiceLauncher {

    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

    private ServiceLauncher() {
    }

    /**
     * Starts {@code module}'s jar with {@code environment} (plus {@code PORT}) and waits until its readiness
     * probe answers 200.
     *
     * @param module     the Maven module, e.g. {@code sync-service}
     * @param heap       the {@code -Xmx} value, e.g. {@code 512m}
     * @param logDirectory where {@code <module>.log} is written
     */
    public static ServiceProcess startAndAwaitReady(String module, String heap, Map<String, String> environment,
            Path logDirectory) throws IOException, InterruptedException {
        ServiceProcess process = ServiceProcess.start(module, jar(module), freePort(), environment,
                List.of("-Xmx" + heap), logDirectory);
        try {
            process.awaitHttpOk("/actuator/health/readiness", READY_TIMEOUT);
            return process;
        } catch (RuntimeException | InterruptedException e) {
            process.close();
            throw e;
        }
    }

    /** The module's runnable jar, built by {@code ./mvnw install} or the reactor before the bench runs. */
    public static Path jar(String module) {
        return repositoryRoot().resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar");
    }

    /** The nearest directory, from the working directory up, that holds the root pom and the bench module. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("bench"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("Run the bench from inside the Calbridge repository");
    }

    /** A TCP port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
