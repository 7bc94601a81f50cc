package io.calbridge.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's run command as a newcomer runs it, minus the build: the packaged local-stack jar starts everything,
 * runs the demo and, with {@code --exit-after-demo}, exits 0 only when every step passed.
 */
class RunLocalIT {

    @Test
    void thePackagedRunCommandShowsTheWholeMissionWorking() throws IOException, InterruptedException {
        Path module = Path.of("").toAbsolutePath();
        Path jar = module.resolve("target/local-stack-0.1.0-SNAPSHOT-exec.jar");
        Path home = module.resolve("target/run-local-home");
        Path output = module.resolve("target/run-local.out");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder run = new ProcessBuilder(List.of(java, "-Djava.io.tmpdir=" + module.resolve("target"), "-Xmx1g",
                "-jar", jar.toString(), "--exit-after-demo"))
                .redirectErrorStream(true).redirectOutput(output.toFile());
        run.environment().put("CALBRIDGE_REPO", module.getParent().toString());
        run.environment().put("CALBRIDGE_HOME", home.toString());
        // every port free and chosen at start, so a ./run-local already running on this machine is no obstacle
        run.environment().put("CALBRIDGE_SERVICE_PORTS", "0,0,0");
        run.environment().put("CALBRIDGE_POSTGRES_PORT", "0");
        run.environment().put("CALBRIDGE_EMULATOR_PORT", "0");
        run.environment().put("CALBRIDGE_EMULATOR_HTTPS_PORT", "0");

        Process process = run.start();
        boolean exited = process.waitFor(8, TimeUnit.MINUTES);
        if (!exited) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String printed = Files.readString(output);

        assertThat(exited).as("run-local finished within 8 minutes; output in %s", output).isTrue();
        assertThat(process.exitValue()).as(printed).isZero();
        assertThat(printed).contains("7/7 steps passed").contains("API keys").contains("swagger-ui.html");
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(home.toString())))
                .as("no process left behind").isEmpty();
    }
}
