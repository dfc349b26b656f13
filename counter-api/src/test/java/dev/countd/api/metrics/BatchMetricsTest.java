package dev.countd.api.metrics;

import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every operation of a batch counts in counter_operations_total, by its own kind and result. */
@ExtendWith(DropwizardExtensionsSupport.class)
class BatchMetricsTest {

    private static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app();

    @Test
    void countsEachOperationOfABatch() {
        Http http = Http.local(APP.getLocalPort());
        assertThat(http.put("/counters/m.capped").json("{\"max\":1,\"value\":1}").status()).isEqualTo(201);
        assertThat(http.post("/counters/_batch").json("""
                {"operations":[
                  {"op":"increment","name":"m.a"},
                  {"op":"increment","name":"m.a","by":2},
                  {"op":"increment","name":"m.capped"},
                  {"op":"increment","name":"-bad-"},
                  {"op":"frobnicate","name":"m.a"},
                  {"op":"decrement","name":"m.a"},
                  {"op":"set","name":"m.b","value":3}
                ]}""").status()).isEqualTo(200);

        Map<Map<String, String>, Double> actual = new HashMap<>();
        Scrapes.scrape(APP.getAdminPort()).named(Metrics.COUNTER_OPERATIONS).forEach(s -> actual.put(s.labels(), s.value()));
        assertThat(actual).isEqualTo(Map.of(
                op("upsert", "ok"), 2.0,
                op("increment", "ok"), 2.0,
                op("increment", "bound_exceeded"), 1.0,
                op("increment", "invalid"), 1.0,
                op("unknown", "invalid"), 1.0,
                op("decrement", "ok"), 1.0));
    }

    private static Map<String, String> op(String operation, String result) {
        return Map.of("operation", operation, "result", result);
    }
}
