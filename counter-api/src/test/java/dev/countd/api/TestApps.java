package dev.countd.api;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * Builds app extensions on the built-in configuration with random HTTP ports, a fresh data
 * directory and a unique cluster name, so test apps never share state or merge.
 */
public final class TestApps {

    /** The bootstrap admin key every test app starts with (all scopes, namespace default). */
    public static final String ADMIN_KEY = "ck_testadmin_" + "T3stAdminSecretT3stAdminSecretT3stAdmin1";

    /** The dashboard password of the user {@code admin} in every test app. */
    public static final String ADMIN_PASSWORD = "test-dashboard-password-1";

    // freshDataDir's directories, deleted when the test JVM exits, not when a test ends: a test may restart an app on
    // the same directory, and the extension stops apps after the test's own cleanup. A full build made about 50 (up
    // to 22 MB each) and left them all in the temp dir.
    private static final Queue<Path> DATA_DIRS = new ConcurrentLinkedQueue<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> DATA_DIRS.forEach(TestApps::deleteQuietly), "delete-test-data-dirs"));
    }

    private TestApps() {
    }

    public static DropwizardAppExtension<CounterConfiguration> app(ConfigOverride... overrides) {
        return app(freshDataDir(), overrides);
    }

    public static DropwizardAppExtension<CounterConfiguration> app(Path dataDir, ConfigOverride... overrides) {
        List<ConfigOverride> quiet = new ArrayList<>(List.of(ConfigOverride.config("logging.level", "WARN")));
        quiet.addAll(Arrays.asList(overrides));
        return app(dataDir, "test-" + UUID.randomUUID(), ADMIN_KEY, quiet.toArray(ConfigOverride[]::new));
    }

    /**
     * An app with a given cluster name and bootstrap key ("" to have one generated), logging at INFO
     * unless an override says otherwise. Overrides of
     * the same setting must not repeat: Dropwizard restores repeated ones wrongly after a test.
     */
    public static DropwizardAppExtension<CounterConfiguration> app(Path dataDir, String clusterName, String bootstrapKey,
                                                                   ConfigOverride... overrides) {
        List<ConfigOverride> all = new ArrayList<>(List.of(
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("dataDir", dataDir.toString()),
                ConfigOverride.config("cluster.name", clusterName),
                ConfigOverride.config("apiKeys.bootstrapKey", bootstrapKey),
                ConfigOverride.config("cluster.drainDelay", "0s"),
                ConfigOverride.config("dashboard.bootstrapPassword", ADMIN_PASSWORD)));
        all.addAll(Arrays.asList(overrides));
        return new DropwizardAppExtension<>(CounterApplication.class, "classpath:countd-defaults.yml",
                all.toArray(ConfigOverride[]::new));
    }

    /** A new directory under the system's temp dir, deleted with everything in it when the test JVM exits. */
    public static Path freshDataDir() {
        try {
            Path dir = Files.createTempDirectory("countd-test");
            DATA_DIRS.add(dir);
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a directory that cannot be walked stays, as it did before
        }
    }
}
