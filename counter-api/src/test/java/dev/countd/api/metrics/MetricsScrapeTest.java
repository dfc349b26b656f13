package dev.countd.api.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One app, one known sequence of requests, then exact counts from a strictly parsed scrape.
 * Nothing else sends API requests to this app.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class MetricsScrapeTest {

    private static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app();
    private static Exposition scrape;

    @BeforeAll
    static void runKnownOperations() {
        Http http = Http.local(APP.getLocalPort());
        for (int i = 0; i < 3; i++) {
            assertThat(http.post("/counters/a/increment").send().status()).isEqualTo(200);
        }
        assertThat(http.put("/counters/b").json("{\"max\":1,\"value\":1}").status()).isEqualTo(201);
        assertThat(http.post("/counters/b/increment").send().status()).isEqualTo(409);
        assertThat(http.put("/counters/c").json("{\"max\":5,\"value\":4,\"overflow\":\"CLAMP\"}").status()).isEqualTo(201);
        assertThat(http.post("/counters/c/increment?by=3").send().json().path("clamped").asBoolean()).isTrue();
        assertThat(http.post("/counters/a/increment?by=0").send().status()).isEqualTo(422);
        assertThat(http.post("/counters/-bad/increment").send().status()).isEqualTo(400);
        assertThat(http.post("/counters/a/decrement").send().status()).isEqualTo(200);
        assertThat(http.post("/counters/a/reset").header("If-Match", "\"99\"").send().status()).isEqualTo(412);
        assertThat(http.get("/counters/a").send().status()).isEqualTo(200);
        assertThat(http.get("/counters/missing").send().status()).isEqualTo(404);
        assertThat(http.delete("/counters/missing").send().status()).isEqualTo(404);
        assertThat(http.delete("/counters/b").send().status()).isEqualTo(204);
        assertThat(http.get("/no/such/route").send().status()).isEqualTo(404);
        // write-through goes through the journal here: its lag must fall to 0 (the database holds every change)
        await().atMost(Duration.ofSeconds(30)).until(() -> Scrapes.scrape(APP.getAdminPort())
                .value(Metrics.JOURNAL_FLUSH_LAG, Map.of()) == 0.0);
        scrape = Scrapes.scrape(APP.getAdminPort());
    }

    @Test
    void countsEveryCounterOperationByKindAndResult() {
        Map<Map<String, String>, Double> expected = Map.ofEntries(
                Map.entry(op("increment", "ok"), 3.0),
                Map.entry(op("increment", "bound_exceeded"), 1.0),
                Map.entry(op("increment", "clamped"), 1.0),
                Map.entry(op("increment", "invalid"), 2.0),
                Map.entry(op("upsert", "ok"), 2.0),
                Map.entry(op("decrement", "ok"), 1.0),
                Map.entry(op("reset", "precondition_failed"), 1.0),
                Map.entry(op("get", "ok"), 1.0),
                Map.entry(op("get", "not_found"), 1.0),
                Map.entry(op("delete", "not_found"), 1.0),
                Map.entry(op("delete", "ok"), 1.0));
        Map<Map<String, String>, Double> actual = new HashMap<>();
        scrape.named(Metrics.COUNTER_OPERATIONS).forEach(s -> actual.put(s.labels(), s.value()));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void timesRequestsByRouteTemplateMethodAndStatusClass() {
        String count = Metrics.HTTP_DURATION + "_count";
        assertThat(scrape.value(count, route("/counters/{name}/increment", "POST", "2xx"))).isEqualTo(4.0);
        assertThat(scrape.value(count, route("/counters/{name}/increment", "POST", "4xx"))).isEqualTo(3.0);
        assertThat(scrape.value(count, route("/counters/{name}", "PUT", "2xx"))).isEqualTo(2.0);
        assertThat(scrape.value(count, route("/counters/{name}", "DELETE", "2xx"))).isEqualTo(1.0);
        assertThat(scrape.value(count, route("/counters/{name}", "DELETE", "4xx"))).isEqualTo(1.0);
        assertThat(scrape.value(count, route("unmatched", "GET", "4xx"))).isEqualTo(1.0);
    }

    @Test
    void neverLabelsWithACounterName() {
        assertThat(scrape.samples()).allSatisfy(sample -> assertThat(sample.labels().values())
                .doesNotContain("a", "b", "c", "missing", "-bad", "/counters/a/increment", "/no/such/route"));
    }

    @Test
    void timesEveryMapStoreWrite() {
        // Changes: 3 + 1 increments of a, decrement of a, PUT b, PUT c, clamp of c; the delete is not a store.
        assertThat(scrape.value(Metrics.MAPSTORE_DURATION + "_count", Map.of())).isEqualTo(7.0);
        assertThat(scrape.value(Metrics.MAPSTORE_ERRORS, Map.of())).isEqualTo(0.0);
        // the journal's flushes wrote each changed counter's newest state, a and c at least, each change at most once
        assertThat(scrape.value(Metrics.MAPSTORE_TRANSACTION_ROWS + "_sum", Map.of())).isBetween(2.0, 7.0);
        assertThat(scrape.value(Metrics.MAPSTORE_TRANSACTION_ROWS + "_count", Map.of())).isBetween(1.0, 7.0);
    }

    @Test
    void exportsTheClusterSizeOfAStandaloneMember() {
        assertThat(scrape.value(Metrics.HAZELCAST_MEMBERS, Map.of())).isEqualTo(1.0);
    }

    @Test
    void declaresEveryDocumentedMetric() {
        assertThat(scrape.types()).containsKeys(Metrics.NAMES.toArray(String[]::new));
        assertThat(scrape.value(Metrics.AUTH_FAILURES, Map.of())).isEqualTo(0.0);
        assertThat(scrape.value(Metrics.WEBHOOK_OUTBOX_PENDING, Map.of())).isEqualTo(0.0);
        // history flushes every few seconds in test apps: its lag is real now, and small
        assertThat(scrape.value(Metrics.HISTORY_FLUSH_LAG, Map.of())).isBetween(0.0, 60.0);
    }

    @Test
    void exportsJvmAndBridgedDropwizardMetrics() {
        assertThat(scrape.types()).containsKeys("jvm_memory_bytes_used", "jvm_threads_current", "process_cpu_seconds_total");
        assertThat(scrape.types().keySet()).anyMatch(name -> name.startsWith("io_dropwizard_jetty_"));
        assertThat(scrape.types().keySet()).noneMatch(name -> name.startsWith("jvm_memory_heap_"));
    }

    @Test
    void everyDashboardQueryNamesAMetricTheServiceExports() throws IOException {
        JsonNode dashboard = new ObjectMapper()
                .readTree(Path.of("../docker/grafana/dashboards/countd.json").toFile());
        Set<String> queried = new TreeSet<>();
        dashboard.findValues("expr").forEach(expr -> queried.addAll(PromQl.metricNames(expr.asText())));
        Set<String> exported = new HashSet<>(scrape.types().keySet());
        scrape.samples().forEach(sample -> exported.add(sample.name()));

        assertThat(queried).contains(Metrics.COUNTER_OPERATIONS, Metrics.HTTP_DURATION + "_bucket",
                Metrics.RATELIMIT_REJECTIONS, Metrics.WEBHOOK_DELIVERIES, Metrics.HAZELCAST_MEMBERS);
        assertThat(exported).containsAll(queried);
    }

    private static Map<String, String> op(String operation, String result) {
        return Map.of("operation", operation, "result", result);
    }

    private static Map<String, String> route(String route, String method, String status) {
        return Map.of("route", route, "method", method, "status", status);
    }
}
