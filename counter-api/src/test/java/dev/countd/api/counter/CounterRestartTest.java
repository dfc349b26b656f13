package dev.countd.api.counter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A stopped and restarted node comes back with every value, bound and version. */
class CounterRestartTest {

    @ParameterizedTest
    @CsvSource({"write-through, true", "write-through, false", "write-behind, true"})
    void valuesBoundsAndVersionsSurviveStopAndStart(String mode, boolean journal) throws Exception {
        Path dataDir = TestApps.freshDataDir();
        ConfigOverride persistence = ConfigOverride.config("persistence.mode", mode);
        ConfigOverride journaling = ConfigOverride.config("persistence.journal", String.valueOf(journal));
        // no timed flush: only the stop writes journaled changes to the database
        ConfigOverride flushOnStop = ConfigOverride.config("persistence.journalFlushInterval", "1h");
        boolean journaled = journal && mode.equals("write-through");
        JsonNode before;
        DropwizardAppExtension<CounterConfiguration> first = TestApps.app(dataDir, persistence, journaling, flushOnStop);
        first.before();
        try {
            Http http = Http.local(first.getLocalPort());
            http.put("/counters/restart.kept").json("{\"min\":-10,\"max\":500,\"initial\":5,\"overflow\":\"CLAMP\","
                    + "\"description\":\"kept\",\"labels\":{\"a\":\"b\"}}");
            for (int i = 0; i < 7; i++) {
                http.post("/counters/restart.kept/increment?by=3").send();
            }
            http.post("/counters/restart.gone/increment").send();
            http.delete("/counters/restart.gone").send();
            before = http.get("/counters/restart.kept").send().json();
            assertThat(journalBytes(dataDir)).as("changes appended to the journal").isEqualTo(journaled ? 1 : 0);
        } finally {
            first.after();
        }
        assertThat(journalBytes(dataDir)).as("a clean stop writes everything to the database").isZero();

        DropwizardAppExtension<CounterConfiguration> second = TestApps.app(dataDir, persistence, journaling, flushOnStop);
        second.before();
        try {
            Http http = Http.local(second.getLocalPort());
            JsonNode after = http.get("/counters/restart.kept").send().json();
            assertThat(after).isEqualTo(before);
            assertThat(after.get("value").asLong()).isEqualTo(26);
            assertThat(after.get("version").asLong()).isEqualTo(8);
            assertThat(http.get("/counters/restart.gone").send().status()).isEqualTo(404);
        } finally {
            second.after();
        }
    }

    /** 1 if the journal holds any bytes, else 0 (no journal directory, or only empty segments). */
    private static int journalBytes(Path dataDir) throws IOException {
        Path journal = dataDir.resolve("journal");
        if (!Files.isDirectory(journal)) {
            return 0;
        }
        try (Stream<Path> segments = Files.list(journal)) {
            return segments.mapToLong(CounterRestartTest::size).sum() > 0 ? 1 : 0;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
