package dev.countd.api.startup;

import dev.countd.api.CounterApplication;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.config.DefaultConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import org.apache.commons.text.StringSubstitutor;
import org.eclipse.jetty.server.Server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The training start of an AppCDS archive: run under {@code -XX:ArchiveClassesAtExit=ARCHIVE}, it starts countd in
 * this JVM on the built-in defaults (a throwaway data dir and key, loopback only, HTTP ports the kernel picks, the
 * Hazelcast member on the first free port from 5701), sends one request of each common kind ({@link TrainingRequests}),
 * stops the server and exits, and the JVM writes every class it loaded to the archive. A later
 * {@code java -XX:SharedArchiveFile=ARCHIVE -jar counter-api.jar server} maps those classes instead of loading,
 * verifying and linking them again (docs/benchmarks.md, "Start-up").
 *
 * <p>The calling environment's {@code COUNTER_*} variables and {@code dw.*} system properties are ignored: a disabled
 * dashboard, a database URL or a minimum cluster size would change what is trained or stop the training. The
 * server's output goes to the file given as the only argument; a failure prints its reason and the file's last
 * lines, and exits 1, as does a training still running after {@link #DEADLINE} (a start that hangs must not hang
 * the build).
 *
 * <pre>java -XX:ArchiveClassesAtExit=countd.jsa -cp counter-api.jar dev.countd.api.startup.ClassArchiveTraining LOG</pre>
 */
public final class ClassArchiveTraining {

    static final Duration DEADLINE = Duration.ofMinutes(5);
    private static final String KEY_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private ClassArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ClassArchiveTraining LOG_FILE");
            System.exit(2);
        }
        CommonPoolParallelism.atLeastTwo();
        // Dropwizard applies dw.* system properties (JAVA_TOOL_OPTIONS can bring them) over the configuration
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("dw.")).forEach(System::clearProperty);
        PrintStream out = System.out;
        PrintStream console = System.err;
        Path log = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(log.getParent());
        Path dir = Files.createTempDirectory("countd-class-archive-");
        watchdog(log, dir, console).start();
        int exit = 1;
        try (PrintStream serverOutput = new PrintStream(Files.newOutputStream(log), true, StandardCharsets.UTF_8)) {
            System.setOut(serverOutput);
            System.setErr(serverOutput);
            try {
                train(dir);
                exit = 0;
            } finally {
                System.setOut(out);
                System.setErr(console);
            }
        } catch (Throwable failure) {
            fail(console, "class archive training failed: " + failure, log);
        } finally {
            deleteTree(dir, console);
            if (exit == 0) {
                System.exit(0); // the JVM writes the archive as it exits
            }
            // no archive of a failed start; also ends the JVM when the failure left the server's threads running
            Runtime.getRuntime().halt(exit);
        }
    }

    /** Ends a training that outlives {@link #DEADLINE}: halt, since a hung start may also hang the shutdown hooks. */
    private static Thread watchdog(Path log, Path dir, PrintStream console) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(DEADLINE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            fail(console, "class archive training still running after " + DEADLINE.toMinutes() + " minutes", log);
            deleteTree(dir, console);
            Runtime.getRuntime().halt(1);
        }, "class-archive-watchdog");
        watchdog.setDaemon(true);
        return watchdog;
    }

    private static void fail(PrintStream console, String reason, Path log) {
        console.println(reason + "; the last lines of " + log + ":");
        printTail(log, console);
    }

    private static void train(Path dir) throws Exception {
        String key = "ck_cdstrain_" + randomCharacters(40);
        TrainingApplication application = new TrainingApplication(Map.of(
                "COUNTER_BIND_HOST", "127.0.0.1",
                "COUNTER_PORT", "0",
                "COUNTER_ADMIN_BIND_HOST", "127.0.0.1",
                "COUNTER_ADMIN_PORT", "0",
                "COUNTER_HAZELCAST_BIND", "127.0.0.1",
                "COUNTER_CLUSTER_NAME", "class-archive-" + randomCharacters(12),
                "COUNTER_DATA_DIR", dir.resolve("data").toString(),
                "COUNTER_BOOTSTRAP_API_KEY", key,
                "COUNTER_ADMIN_PASSWORD", randomCharacters(24),
                "COUNTER_DRAIN_DELAY", "0s"));
        // returns once Jetty has started (the server command starts it and leaves)
        application.run("server", DefaultConfigurationSourceProvider.BUILT_IN);
        Server server = application.started.getNow(null);
        if (server == null) {
            throw new IllegalStateException("countd returned from its start without starting Jetty");
        }
        try {
            new TrainingRequests(application.port(server), application.adminPort(server), key).sendAll();
        } catch (Throwable failure) {
            try {
                server.stop();
            } catch (Exception stop) {
                failure.addSuppressed(stop);
            }
            throw failure;
        }
        // stops the API, then the managed objects (the Hazelcast member, the database) before the data dir goes
        server.stop();
    }

    /** countd reading its settings from the given variables instead of the process environment. */
    private static final class TrainingApplication extends CounterApplication implements ServerLifecycleListener {

        private final Map<String, String> variables;
        private final CompletableFuture<Server> started = new CompletableFuture<>();

        TrainingApplication(Map<String, String> variables) {
            this.variables = variables;
        }

        @Override
        public void initialize(Bootstrap<CounterConfiguration> bootstrap) {
            super.initialize(bootstrap);
            StringSubstitutor substitutor = new StringSubstitutor(variables);
            // as strict as the environment's substitutor in production: every variable of the defaults has a default
            substitutor.setEnableUndefinedVariableException(true);
            bootstrap.setConfigurationSourceProvider(
                    new SubstitutingSourceProvider(new DefaultConfigurationSourceProvider(), substitutor));
        }

        @Override
        public void run(CounterConfiguration config, Environment environment) throws Exception {
            super.run(config, environment);
            environment.lifecycle().addServerLifecycleListener(this);
        }

        /** Dropwizard would end the JVM here: the training cleans up and reports first. */
        @Override
        protected void onFatalError(Throwable failure) {
            throw new IllegalStateException("countd did not start", failure);
        }

        @Override
        public void serverStarted(Server server) {
            started.complete(server);
        }

        int port(Server server) {
            return getLocalPort(server);
        }

        int adminPort(Server server) {
            return getAdminPort(server);
        }
    }

    private static String randomCharacters(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder characters = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            characters.append(KEY_CHARACTERS.charAt(random.nextInt(KEY_CHARACTERS.length())));
        }
        return characters.toString();
    }

    private static void printTail(Path log, PrintStream console) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(console::println);
        } catch (IOException e) {
            console.println("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }

    private static void deleteTree(Path dir, PrintStream console) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            console.println("class archive training: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
