package dev.countd.api.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Crossing events not yet delivered when a node stops are delivered, with their ids, after it starts again. */
class AlertRestartTest {

    @ParameterizedTest
    @ValueSource(strings = {"write-through", "write-behind"})
    void undeliveredEventsAreDeliveredAfterARestart(String mode) throws Exception {
        Path dataDir = TestApps.freshDataDir();
        ConfigOverride[] config = AlertTesting.fastDelivery(ConfigOverride.config("persistence.mode", mode));
        String ruleId;
        String eventId;
        try (WebhookReceiver receiver = new WebhookReceiver().start()) {
            receiver.stop(); // connection refused while the first node runs
            DropwizardAppExtension<CounterConfiguration> first = TestApps.app(dataDir, config);
            first.before();
            try {
                Http http = Http.local(first.getLocalPort());
                ruleId = AlertTesting.createRule(http, receiver, AlertTesting.rule("kept.a", 5, "UP", receiver.url(), 0))
                        .get("id").asText();
                http.put("/counters/kept.a").json("{\"value\":7}");
                await().atMost(Duration.ofSeconds(15)).until(() -> {
                    JsonNode items = AlertTesting.deliveries(http, ruleId);
                    return items.size() == 1 && items.get(0).get("attemptCount").asInt() >= 1;
                });
                JsonNode pending = AlertTesting.deliveries(http, ruleId).get(0);
                assertThat(pending.get("status").asText()).isEqualTo("PENDING");
                eventId = pending.get("id").asText();
            } finally {
                first.after();
            }

            receiver.start();
            DropwizardAppExtension<CounterConfiguration> second = TestApps.app(dataDir, config);
            second.before();
            try {
                Http http = Http.local(second.getLocalPort());
                await().atMost(Duration.ofSeconds(15)).until(() -> receiver.receivedFor("kept.a").size() == 1);
                assertThat(receiver.receivedFor("kept.a").get(0).id()).isEqualTo(eventId);
                assertThat(receiver.receivedFor("kept.a").get(0).signatureValid()).isTrue();
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        AlertTesting.deliveries(http, ruleId).get(0).get("status").asText().equals("DELIVERED"));
                assertThat(http.get("/alerts/" + ruleId).send().status()).isEqualTo(200);
            } finally {
                second.after();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"write-through", "write-behind"})
    void hysteresisStateSurvivesARestart(String mode) throws Exception {
        Path dataDir = TestApps.freshDataDir();
        ConfigOverride[] config = AlertTesting.fastDelivery(ConfigOverride.config("persistence.mode", mode));
        try (WebhookReceiver receiver = new WebhookReceiver().start()) {
            String ruleId;
            DropwizardAppExtension<CounterConfiguration> first = TestApps.app(dataDir, config);
            first.before();
            try {
                Http http = Http.local(first.getLocalPort());
                ruleId = AlertTesting.createRule(http, receiver, AlertTesting.rule("band.a", 10, "UP", receiver.url(), 5))
                        .get("id").asText();
                http.put("/counters/band.a").json("{\"value\":12}");   // crosses, disarms until below 5
                http.put("/counters/band.a").json("{\"value\":8}");
            } finally {
                first.after();
            }
            DropwizardAppExtension<CounterConfiguration> second = TestApps.app(dataDir, config);
            second.before();
            try {
                Http http = Http.local(second.getLocalPort());
                http.put("/counters/band.a").json("{\"value\":11}");   // still disarmed: no second event
                await().atMost(Duration.ofSeconds(10)).until(() -> receiver.receivedFor("band.a").size() == 1);
                http.put("/counters/band.a").json("{\"value\":2}");    // re-armed
                http.put("/counters/band.a").json("{\"value\":10}");   // second event
                await().atMost(Duration.ofSeconds(10)).until(() -> AlertTesting.deliveries(http, ruleId).size() == 2);
                java.util.List<Long> values = new java.util.ArrayList<>();
                AlertTesting.deliveries(http, ruleId).forEach(d -> values.add(d.get("value").asLong()));
                assertThat(values).containsExactly(10L, 12L);
            } finally {
                second.after();
            }
        }
    }
}
