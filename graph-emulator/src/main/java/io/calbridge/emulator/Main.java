package io.calbridge.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone. Flags win over environment variables:
 * {@code --port} / {@code GRAPH_EMULATOR_PORT} (http, default 8089), {@code --https-port} /
 * {@code GRAPH_EMULATOR_HTTPS_PORT} (default 8443), {@code --seed} / {@code GRAPH_EMULATOR_SEED} (a seed file),
 * {@code --time-scale} / {@code GRAPH_EMULATOR_TIME_SCALE}, {@code --state-dir} / {@code GRAPH_EMULATOR_STATE_DIR}
 * (where the certificate PEM and trust store go), {@code --room-delay-ms}, {@code --notification-delay-ms},
 * {@code --scope-propagation-ms}.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        String port = flag(args, "--port", env.getOrDefault("GRAPH_EMULATOR_PORT", "8089"));
        String httpsPort = flag(args, "--https-port", env.getOrDefault("GRAPH_EMULATOR_HTTPS_PORT", "8443"));
        String seed = flag(args, "--seed", env.get("GRAPH_EMULATOR_SEED"));
        String scale = flag(args, "--time-scale", env.getOrDefault("GRAPH_EMULATOR_TIME_SCALE", "1"));
        String stateDir = flag(args, "--state-dir", env.get("GRAPH_EMULATOR_STATE_DIR"));
        EmulatorOptions.Builder b = EmulatorOptions.defaults().toBuilder()
                .httpPort(Integer.parseInt(port)).httpsPort(Integer.parseInt(httpsPort)).timeScale(Double.parseDouble(scale))
                .roomResponseDelay(Duration.ofMillis(Long.parseLong(flag(args, "--room-delay-ms", env.getOrDefault("GRAPH_EMULATOR_ROOM_DELAY_MS", "0")))))
                .notificationDelay(Duration.ofMillis(Long.parseLong(flag(args, "--notification-delay-ms", env.getOrDefault("GRAPH_EMULATOR_NOTIFICATION_DELAY_MS", "0")))))
                .scopePropagation(Duration.ofMillis(Long.parseLong(flag(args, "--scope-propagation-ms", env.getOrDefault("GRAPH_EMULATOR_SCOPE_PROPAGATION_MS", "0")))));
        b.bindAddress(flag(args, "--bind", env.getOrDefault("GRAPH_EMULATOR_BIND", "127.0.0.1")));
        b.publicHost(flag(args, "--public-host", env.getOrDefault("GRAPH_EMULATOR_PUBLIC_HOST", "127.0.0.1")));
        if (seed != null) b.seedFile(Path.of(seed));
        if (stateDir != null) b.stateDir(Path.of(stateDir));
        GraphEmulator emulator = GraphEmulator.start(b.build());
        System.out.println("Graph emulator: Graph " + emulator.graphBaseUrl() + " | authority host " + emulator.authorityHost()
                + " | control " + emulator.controlUrl() + " | trust store " + emulator.trustStore() + " (password "
                + new String(emulator.trustStorePassword()) + ") | certificate " + emulator.certificatePem());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stop.countDown();
        }));
        stop.await();
    }

    private static String flag(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name) && i + 1 < args.length) return args[i + 1];
            if (args[i].startsWith(name + "=")) return args[i].substring(name.length() + 1);
        }
        return fallback;
    }
}
