package dev.countd.api.process;

import dev.countd.api.CounterApplication;
import dev.countd.core.testing.FreePorts;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The service in its own JVM (the test's classpath, built-in config, COUNTER_* environment),
 * so a test can kill it with SIGKILL like a real crash.
 */
public final class ChildNode implements AutoCloseable {

    private final Map<String, String> environment;
    private final Path log;
    private Process process;
    public final int port;
    public final int adminPort;

    public ChildNode(Path dataDir, Map<String, String> extraEnvironment) {
        this.port = FreePorts.next();
        this.adminPort = FreePorts.next();
        this.log = dataDir.resolve("node-" + port + ".log");
        this.environment = new java.util.HashMap<>(extraEnvironment);
        environment.put("COUNTER_PORT", Integer.toString(port));
        environment.put("COUNTER_ADMIN_PORT", Integer.toString(adminPort));
        environment.put("COUNTER_DATA_DIR", dataDir.toString());
        environment.putIfAbsent("COUNTER_CLUSTER_NAME", "child-" + port);
        environment.putIfAbsent("COUNTER_HAZELCAST_PORT", Integer.toString(FreePorts.next()));
        environment.putIfAbsent("COUNTER_BOOTSTRAP_API_KEY", dev.countd.api.TestApps.ADMIN_KEY);
        environment.putIfAbsent("COUNTER_RATE_LIMIT_DEFAULT_PLAN", "bulk");
    }

    public ChildNode start() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                CounterApplication.class.getName(), "server"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(this::answers);
        return this;
    }

    private boolean answers() {
        if (!process.isAlive()) {
            throw new IllegalStateException("node exited with " + process.exitValue() + "; see " + log);
        }
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return socket.isConnected();
        } catch (IOException notYet) {
            return false;
        }
    }

    /** SIGKILL: no shutdown hook, no flush, like a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: Dropwizard drains and stops in order. */
    public void terminate() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    public File log() {
        return log.toFile();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
