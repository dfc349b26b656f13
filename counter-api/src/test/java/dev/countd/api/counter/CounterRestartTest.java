package dev.countd.api.counter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A stopped and restarted node comes back with every value, bound and version. */
class CounterRestartTest {

    @ParameterizedTest
    @ValueSource(strings = {"write-through", "write-behind"})
    void valuesBoundsAndVersionsSurviveStopAndStart(String mode) throws Exception {
        Path dataDir = TestApps.freshDataDir();
        ConfigOverride persistence = ConfigOverride.config("persistence.mode", mode);
        JsonNode before;
        DropwizardAppExtension<CounterConfiguration> first = TestApps.app(dataDir, persistence);
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
        } finally {
            first.after();
        }

        DropwizardAppExtension<CounterConfiguration> second = TestApps.app(dataDir, persistence);
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
}
