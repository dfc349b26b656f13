package dev.countd.api.cluster;

import dev.countd.core.testing.FreePorts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service node as a child JVM running the shaded jar, with its own ports and log file.
 * {@link #kill()} is {@code kill -9}, {@link #terminate()} is {@code SIGTERM}.
 */
final class NodeProcess {

    private static final HttpClient ADMIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final int index;
    final int port;
    final int adminPort;
    final int hazelcastPort;
    private final Path log;
    private final Map<String, String> env;
    private Process process;
    private int starts;

    NodeProcess(int index, int hazelcastPort, Path logDir, Map<String, String> sharedEnv) {
        this.index = index;
        this.port = FreePorts.next();
        this.adminPort = FreePorts.next();
        this.hazelcastPort = hazelcastPort;
        this.log = logDir.resolve("node-" + index + ".log");
        this.env = new java.util.HashMap<>(sharedEnv);
        env.put("COUNTER_PORT", Integer.toString(port));
        env.put("COUNTER_ADMIN_PORT", Integer.toString(adminPort));
        env.put("COUNTER_HAZELCAST_PORT", Integer.toString(hazelcastPort));
        env.put("COUNTER_DATA_DIR", logDir.resolve("data-" + index).toString());
    }

    void start() throws IOException {
        Path jar = Path.of(System.getProperty("countd.jar", "target/counter-api.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no shaded jar at " + jar.toAbsolutePath() + "; run through `./mvnw verify`");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC",
                // Tests want fast start-up (C1 only); the benchmark wants full JIT (-Dcountd.node.fullJit).
                Boolean.getBoolean("countd.node.fullJit") ? "-XX:+TieredCompilation" : "-XX:TieredStopAtLevel=1",
                // Faster join and failure detection than production's defaults, to keep the tests short.
                "-Dhazelcast.wait.seconds.before.join=1",
                "-Dhazelcast.heartbeat.interval.seconds=1",
                "-Dhazelcast.max.no.heartbeat.seconds=8",
                "-Ddw.database.maxConnections=6",
                "-Ddw.logging.level=WARN",
                "-jar", jar.toAbsolutePath().toString(), "server"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(starts++ == 0 ? ProcessBuilder.Redirect.to(log.toFile()) : ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
    }

    /** Healthy and seeing {@code members} members, with every partition owned and backed up. */
    boolean ready(int members) {
        if (process == null || !process.isAlive()) {
            return false;
        }
        try {
            HttpResponse<String> health = ADMIN.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + adminPort + "/healthcheck")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("cluster of " + members + " member(s), safe");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    void kill() {
        process.destroyForcibly();
    }

    void terminate() {
        process.destroy();
    }

    Process process() {
        return process;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
