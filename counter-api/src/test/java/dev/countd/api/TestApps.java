package dev.countd.api;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Builds app extensions on the built-in configuration with random HTTP ports, a fresh data
 * directory and a unique cluster name, so test apps never share state or merge.
 */
public final class TestApps {

    private TestApps() {
    }

    public static DropwizardAppExtension<CounterConfiguration> app(ConfigOverride... overrides) {
        return app(freshDataDir(), overrides);
    }

    public static DropwizardAppExtension<CounterConfiguration> app(Path dataDir, ConfigOverride... overrides) {
        List<ConfigOverride> all = new ArrayList<>(List.of(
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("dataDir", dataDir.toString()),
                ConfigOverride.config("cluster.name", "test-" + UUID.randomUUID()),
                ConfigOverride.config("logging.level", "WARN"),
                ConfigOverride.config("cluster.drainDelay", "0s")));
        all.addAll(Arrays.asList(overrides));
        return new DropwizardAppExtension<>(CounterApplication.class, "classpath:countd-defaults.yml",
                all.toArray(ConfigOverride[]::new));
    }

    public static Path freshDataDir() {
        try {
            return Files.createTempDirectory("countd-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
