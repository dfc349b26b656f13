package dev.countd.loadtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * A countd process the simulation starts itself when {@code -Dcountd.launchJar=<counter-api.jar>} is
 * given (run.sh and the CI smoke run): embedded defaults, write-behind (or {@code -Dpersistence}), a fresh data directory, random
 * free ports on 127.0.0.1, {@link LoadParams#FIXED_TEST_KEY} as bootstrap key, whose rate limit is then
 * raised through the API so the load is limited by the service and not by its plan (limits stay on).
 */
final class LocalServer {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration WARM_UP = Duration.ofSeconds(LoadParams.number("warmUpSeconds", 3));
    /** Capacity and refill per second of the load-test key: enough for a million increments a second. */
    static final long GENEROUS_LIMIT = 100_000_000L;

    private final Path jar;
    private final int port;
    private final int adminPort;
    private final int hazelcastPort;
    private Process process;
    private Path dataDir;
    private Path log;

    private LocalServer(Path jar, int port, int adminPort, int hazelcastPort) {
        this.jar = jar;
        this.port = port;
        this.adminPort = adminPort;
        this.hazelcastPort = hazelcastPort;
    }

    static LocalServer fromProperties() {
        String jar = System.getProperty("countd.launchJar");
        if (jar == null || jar.isBlank()) {
            return null;
        }
        int[] ports = freePorts();
        return new LocalServer(Path.of(jar), ports[0], ports[1], ports[2]);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the jar and returns once it serves an authenticated request (bounded by START_TIMEOUT). */
    void start(Map<String, String> extraEnvironment) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it first: ./mvnw -B -pl counter-api -am package -DskipTests");
        }
        try {
            dataDir = Files.createTempDirectory("countd-loadtest-");
            log = dataDir.resolve("server.log");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-XX:+UseParallelGC",
                    "-jar", jar.toString(), "server"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("COUNTER_BIND_HOST", "127.0.0.1");
            env.put("COUNTER_PORT", Integer.toString(port));
            env.put("COUNTER_ADMIN_PORT", Integer.toString(adminPort));
            env.put("COUNTER_HAZELCAST_PORT", Integer.toString(hazelcastPort));
            env.put("COUNTER_CLUSTER_NAME", "countd-loadtest-" + port);
            env.put("COUNTER_DATA_DIR", dataDir.resolve("data").toString());
            env.put("COUNTER_PERSISTENCE_MODE", LoadParams.PERSISTENCE);
            env.put("COUNTER_BOOTSTRAP_API_KEY", LoadParams.FIXED_TEST_KEY);
            env.put("COUNTER_ALERTS_ALLOW_PRIVATE_NETWORKS", "true");
            env.putAll(extraEnvironment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        Api api = new Api(baseUrl(), LoadParams.FIXED_TEST_KEY);
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> answers(api));
        } catch (ConditionTimeoutException notStarted) {
            stop();
            throw new IllegalStateException("countd did not answer within " + START_TIMEOUT.toSeconds() + " s; see " + log);
        }
        String keyId = LoadParams.FIXED_TEST_KEY.split("_")[1];
        api.patch("/api-keys/" + keyId, Map.of("rateLimit", Map.of("capacity", GENEROUS_LIMIT,
                "refillTokens", GENEROUS_LIMIT, "refillPeriod", "PT1S"))).expect(200, "PATCH /api-keys/" + keyId);
        warmUp(api);
        System.out.println("countd started at " + baseUrl() + " (" + LoadParams.PERSISTENCE + ", log " + log + ")");
    }

    /** A few seconds of sequential increments on a counter outside the run's names, so the JIT has begun. */
    private static void warmUp(Api api) {
        Instant until = Instant.now().plus(WARM_UP);
        for (int i = 0; i < 2_000 && Instant.now().isBefore(until); i++) {
            api.post("/counters/" + LoadParams.RUN_ID + ".warmup/increment");
        }
    }

    /** Graceful stop (SIGTERM lets Dropwizard drain and flush write-behind), then forced; removes the data. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
        deleteData();
    }

    private void deleteData() {
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(log)).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + dataDir + ": " + e.getMessage());
        }
        System.out.println("countd stopped; its log is " + log);
    }

    /** True once the server answers an authenticated request; fails fast if the process died. */
    private boolean answers(Api api) {
        if (!process.isAlive()) {
            throw new IllegalStateException("countd exited with " + process.exitValue() + " during start; see " + log);
        }
        try {
            return api.get("/counters?limit=1").status() == 200;
        } catch (UncheckedIOException notYetListening) {
            return false; // the port opens once Jetty starts
        }
    }

    /**
     * Three distinct free ports (application, admin, Hazelcast): held open together while chosen, so the kernel
     * cannot answer the same one twice. Until the server binds them an outgoing connection could take one;
     * nothing in this JVM connects out before the server is up, and a lone server makes no outgoing connections.
     */
    private static int[] freePorts() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket application = new ServerSocket(0, 1, loopback);
             ServerSocket admin = new ServerSocket(0, 1, loopback);
             ServerSocket hazelcast = new ServerSocket(0, 1, loopback)) {
            return new int[] {application.getLocalPort(), admin.getLocalPort(), hazelcast.getLocalPort()};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
