package dev.countd.api.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.map.IMap;
import dev.countd.core.cluster.CounterCluster;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterId;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** At-least-once delivery with a stable id: retries through refusals, errors and timeouts; 410; redelivery. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AlertDeliveryTest {

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
    void aReceiverDownForAWhileGetsEveryEventOnceUpWithItsOneIdAndEveryAttemptIsLogged() {
        receiver.stop();
        String ruleId = AlertTesting.createRule(http, receiver, AlertTesting.rule("flaky.*", 10, "UP", receiver.url(), 0))
                .get("id").asText();
        for (String name : List.of("flaky.a", "flaky.b", "flaky.c")) {
            assertThat(http.post("/counters/" + name + "/increment?by=10").send().status()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> everyDelivery(ruleId, 3,
                d -> d.get("attemptCount").asInt() >= 2 && d.get("lastError").asText().startsWith("connection failed")));
        receiver.mode(WebhookReceiver.Mode.ERROR_500);
        receiver.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> everyDelivery(ruleId, 3, d -> d.path("lastStatus").asInt() == 500));
        receiver.mode(WebhookReceiver.Mode.HANG);
        await().atMost(Duration.ofSeconds(20)).until(() -> everyDelivery(ruleId, 3,
                d -> d.get("lastError").asText().startsWith("timed out")));
        receiver.mode(WebhookReceiver.Mode.OK);
        await().atMost(Duration.ofSeconds(20)).until(() -> everyDelivery(ruleId, 3, d -> d.get("status").asText().equals("DELIVERED")));

        JsonNode deliveries = AlertTesting.deliveries(http, ruleId);
        Set<String> eventIds = new HashSet<>();
        for (JsonNode d : deliveries) {
            eventIds.add(d.get("id").asText());
            List<String> log = new ArrayList<>();
            d.get("attempts").forEach(a -> log.add(a.path("status").isNull() || a.path("status").isMissingNode()
                    ? a.get("error").asText().split(":| after")[0] : a.get("status").asText()));
            assertThat(log).contains("connection failed", "500", "timed out").last().isEqualTo("204");
            assertThat(d.get("attempts")).allMatch(a -> a.get("latencyMs").asLong() >= 0 && a.hasNonNull("at"));
        }
        assertThat(eventIds).hasSize(3);
        for (String name : List.of("flaky.a", "flaky.b", "flaky.c")) {
            List<WebhookReceiver.Received> got = receiver.receivedFor(name);
            assertThat(got).isNotEmpty().allMatch(WebhookReceiver.Received::signatureValid);
            assertThat(got.stream().map(WebhookReceiver.Received::id).collect(Collectors.toSet())).hasSize(1)
                    .isSubsetOf(eventIds);
            assertThat(got.stream().map(WebhookReceiver.Received::body).collect(Collectors.toSet()))
                    .as("every attempt sends the same body").hasSize(1);
        }
    }

    @Test
    void anEventStoredInTheTableLeavesTheCounterEntrysOutbox() {
        AlertTesting.createRule(http, receiver, AlertTesting.rule("pruned.*", 5, "UP", receiver.url(), 0));
        for (String name : List.of("pruned.a", "pruned.b")) {
            assertThat(http.post("/counters/" + name + "/increment?by=5").send().status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> !receiver.receivedFor("pruned.a").isEmpty()
                && !receiver.receivedFor("pruned.b").isEmpty());

        // the app's member: the only one in this JVM holding these counters
        IMap<String, Counter> counters = Hazelcast.getAllHazelcastInstances().stream()
                .map(member -> member.<String, Counter>getMap(CounterCluster.COUNTERS_MAP))
                .filter(map -> map.containsKey(new CounterId("default", "pruned.a").key()))
                .findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            for (String name : List.of("pruned.a", "pruned.b")) {
                Counter counter = counters.get(new CounterId("default", name).key());
                assertThat(counter.value()).isEqualTo(5);
                assertThat(counter.outbox()).as(name).isEmpty();
            }
        });
    }

    @Test
    void aReceiverAnsweringGoneDisablesTheRuleWithAVisibleReason() {
        receiver.mode(WebhookReceiver.Mode.GONE);
        String ruleId = AlertTesting.createRule(http, receiver, AlertTesting.rule("gone.a", 1, "UP", receiver.url(), 0))
                .get("id").asText();
        http.post("/counters/gone.a/increment").send();

        await().atMost(Duration.ofSeconds(10)).until(() -> !http.get("/alerts/" + ruleId).send().json().get("enabled").asBoolean());
        JsonNode rule = http.get("/alerts/" + ruleId).send().json();
        assertThat(rule.get("disabledReason").asText()).contains("410 Gone");
        JsonNode delivery = AlertTesting.deliveries(http, ruleId).get(0);
        assertThat(delivery.get("status").asText()).isEqualTo("FAILED");
        JsonNode attempts = delivery.get("attempts");
        assertThat(attempts.get(attempts.size() - 1).get("status").asInt()).as("no attempt after the 410").isEqualTo(410);
    }

    @Test
    void redeliverySendsTheSameEventAgainWithItsId() {
        String ruleId = AlertTesting.createRule(http, receiver, AlertTesting.rule("again.a", 1, "UP", receiver.url(), 0))
                .get("id").asText();
        http.post("/counters/again.a/increment").send();
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.receivedFor("again.a").size() == 1);
        String eventId = receiver.receivedFor("again.a").get(0).id();

        Http.Reply reply = http.post("/alerts/" + ruleId + "/deliveries/" + eventId + "/redeliver").send();

        assertThat(reply.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.receivedFor("again.a").size() == 2);
        assertThat(receiver.receivedFor("again.a")).extracting(WebhookReceiver.Received::id).containsOnly(eventId);
        await().atMost(Duration.ofSeconds(10)).until(() -> AlertTesting.deliveries(http, ruleId).get(0).get("attempts").size() == 2);
        String scrape = Http.anonymous(APP.getAdminPort()).get("/prometheus").send().body();
        assertThat(scrape).containsPattern("(?m)^webhook_deliveries_total\\{result=\"success\",?\\} [2-9]");
    }

    @Test
    void redeliveringAnUnknownDeliveryIs404() {
        String ruleId = AlertTesting.createRule(http, receiver, AlertTesting.rule("again.b", 1, "UP", receiver.url(), 0))
                .get("id").asText();

        Http.Reply reply = http.post("/alerts/" + ruleId + "/deliveries/no-such-event/redeliver").send();

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.problemType()).isEqualTo("delivery-not-found");
    }

    private boolean everyDelivery(String ruleId, int expected, Predicate<JsonNode> condition) {
        JsonNode items = AlertTesting.deliveries(http, ruleId);
        if (items.size() != expected) {
            return false;
        }
        for (JsonNode d : items) {
            if (!condition.test(d)) {
                return false;
            }
        }
        return true;
    }
}
