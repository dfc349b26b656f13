package dev.countd.api.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryRestartTest {

    @Test
    void historyFlushedAtStopIsAnsweredAfterARestart() throws Exception {
        Path dataDir = TestApps.freshDataDir();
        // A flush interval longer than the test: only the flush at stop can save the history.
        ConfigOverride slowFlush = ConfigOverride.config("history.flushInterval", "1 hour");
        DropwizardAppExtension<CounterConfiguration> first = TestApps.app(dataDir, slowFlush);
        first.before();
        try {
            Http http = Http.local(first.getLocalPort());
            http.post("/counters/restart.kept/increment?by=4").send();
            http.post("/counters/restart.kept/decrement").send();
        } finally {
            first.after();
        }

        DropwizardAppExtension<CounterConfiguration> second = TestApps.app(dataDir, slowFlush);
        second.before();
        try {
            JsonNode points = Http.local(second.getLocalPort()).get("/counters/restart.kept/history").send().json().get("points");
            long ops = 0;
            for (JsonNode point : points) {
                ops += point.get("ops").asLong();
            }
            assertThat(ops).isEqualTo(2);
            assertThat(points.get(points.size() - 1).get("value").asLong()).isEqualTo(3);
        } finally {
            second.after();
        }
    }
}
