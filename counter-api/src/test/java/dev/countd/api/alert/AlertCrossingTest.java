package dev.countd.api.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Crossings are detected once each, atomically with the change, for every kind of change. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AlertCrossingTest {

    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app(AlertTesting.fastDelivery());

    private final WebhookReceiver receiver = new WebhookReceiver();
    private Http http;

    @BeforeEach
    void start() {
        receiver.start();
        http = Http.local(APP.getLocalPort());
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void thirtyTwoThreadsRacingAcrossOneThresholdProduceExactlyOneEvent() throws Exception {
        String ruleId = AlertTesting.createRule(http, receiver, AlertTesting.rule("race.one", 100, "UP", receiver.url(), 0))
                .get("id").asText();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 32; t++) {
            results.add(pool.submit(() -> {
                go.await();
                int ok = 0;
                for (int i = 0; i < 10; i++) {
                    ok += http.post("/counters/race.one/increment").send().status() == 200 ? 1 : 0;
                }
                return ok;
            }));
        }
        go.countDown();
        int applied = 0;
        for (Future<Integer> result : results) {
            applied += result.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(applied).isEqualTo(320);

        await().atMost(Duration.ofSeconds(15)).until(() -> delivered(ruleId) == 1);
        assertThat(AlertTesting.deliveries(http, ruleId)).hasSize(1);
        assertThat(receiver.receivedFor("race.one")).hasSize(1).allMatch(WebhookReceiver.Received::signatureValid);
        JsonNode event = receiver.receivedFor("race.one").get(0).json();
        assertThat(event.get("type").asText()).isEqualTo("counter.threshold.crossed");
        assertThat(event.get("threshold").asLong()).isEqualTo(100);
        assertThat(event.get("previousValue").asLong()).isEqualTo(99);
        assertThat(event.get("value").asLong()).isEqualTo(100);
        assertThat(event.get("namespace").asText()).isEqualTo("default");
    }

    @Test
    void aValueOscillatingAcrossTheThresholdFiftyTimesProducesFiftyCrossings() {
        String ruleId = AlertTesting.createRule(http, receiver, AlertTesting.rule("osc.plain", 10, "UP", receiver.url(), 0))
                .get("id").asText();
        oscillate("osc.plain", 50);

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedFor("osc.plain").size() >= 50);
        assertThat(AlertTesting.deliveries(http, ruleId)).hasSize(50);
        assertThat(receiver.receivedFor("osc.plain")).allMatch(WebhookReceiver.Received::signatureValid)
                .extracting(WebhookReceiver.Received::id).doesNotHaveDuplicates().hasSize(50);
    }

    @Test
    void withHysteresisAnOscillatingValueProducesOneCrossing() {
        String ruleId = AlertTesting.createRule(http, receiver, AlertTesting.rule("osc.damped", 10, "UP", receiver.url(), 3))
                .get("id").asText();
        oscillate("osc.damped", 50);

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(ruleId) == 1);
        assertThat(AlertTesting.deliveries(http, ruleId)).hasSize(1);
        assertThat(receiver.receivedFor("osc.damped")).hasSize(1);
    }

    @Test
    void hysteresisRearmsOnceTheValueLeavesTheBand() {
        String ruleId = AlertTesting.createRule(http, receiver, AlertTesting.rule("osc.rearm", 10, "UP", receiver.url(), 3))
                .get("id").asText();
        oscillate("osc.rearm", 3);                                        // one crossing, then disarmed
        http.put("/counters/osc.rearm").json("{\"value\":6}");            // 6 < 10 - 3: re-armed
        http.put("/counters/osc.rearm").json("{\"value\":12}");           // crosses again

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(ruleId) == 2);
        assertThat(AlertTesting.deliveries(http, ruleId)).hasSize(2);
    }

    @Test
    void setResetClampAndBatchChangesCrossLikeIncrements() {
        String ruleId = AlertTesting.createRule(http, receiver, AlertTesting.rule("kinds.*", 50, "BOTH", receiver.url(), 0))
                .get("id").asText();
        assertThat(http.put("/counters/kinds.a").json("{\"value\":60,\"max\":55000,\"overflow\":\"CLAMP\"}").status()).isEqualTo(201);
        assertThat(http.post("/counters/kinds.a/reset").send().status()).isEqualTo(200);            // 60 -> 0: DOWN
        assertThat(http.put("/counters/kinds.a").json("{\"max\":55}").status()).isEqualTo(200);
        JsonNode clamped = http.post("/counters/kinds.a/increment?by=100").send().json();            // 0 -> 55: UP
        assertThat(clamped.get("clamped").asBoolean()).isTrue();
        assertThat(http.post("/counters/_batch").json("{\"operations\":[{\"op\":\"decrement\",\"name\":\"kinds.a\",\"by\":10}]}")
                .status()).isEqualTo(200);                                                          // 55 -> 45: DOWN
        http.post("/counters/other.a/increment?by=100").send();                                      // not matched

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(ruleId) == 4);
        List<String> seen = new ArrayList<>();
        for (JsonNode d : AlertTesting.deliveries(http, ruleId)) {
            seen.add(0, d.get("direction").asText() + " " + d.get("previousValue").asLong() + "->" + d.get("value").asLong());
        }
        assertThat(seen).containsExactly("UP 0->60", "DOWN 60->0", "UP 0->55", "DOWN 55->45");
    }

    @Test
    void aDisabledRuleProducesNoEvents() {
        String ruleId = AlertTesting.createRule(http, receiver, AlertTesting.rule("off.a", 5, "UP", receiver.url(), 0))
                .get("id").asText();
        assertThat(http.method("PATCH", "/alerts/" + ruleId).json("{\"enabled\":false}").json().get("enabled").asBoolean())
                .isFalse();
        http.post("/counters/off.a/increment?by=10").send();
        assertThat(http.method("PATCH", "/alerts/" + ruleId).json("{\"enabled\":true}").status()).isEqualTo(200);
        http.post("/counters/off.a/decrement?by=10").send();
        http.post("/counters/off.a/increment?by=10").send();

        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(ruleId) == 1);
        assertThat(AlertTesting.deliveries(http, ruleId)).hasSize(1);
    }

    private void oscillate(String counter, int times) {
        assertThat(http.put("/counters/" + counter).json("{\"value\":9}").status()).isEqualTo(201);
        for (int i = 0; i < times; i++) {
            assertThat(http.post("/counters/" + counter + "/increment").send().status()).isEqualTo(200);
            assertThat(http.post("/counters/" + counter + "/decrement").send().status()).isEqualTo(200);
        }
    }

    private long delivered(String ruleId) {
        long count = 0;
        for (JsonNode d : AlertTesting.deliveries(http, ruleId)) {
            count += d.get("status").asText().equals("DELIVERED") ? 1 : 0;
        }
        return count;
    }
}
