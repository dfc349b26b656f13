package dev.countd.api.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An endpoint failing for the whole retry window (2 s here, 24 h by default) is disabled, saying why. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AlertGiveUpTest {

    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app(AlertTesting.fastDelivery("10s",
            ConfigOverride.config("alerts.giveUpAfter", "2s"),
            ConfigOverride.config("alerts.deliveryThreads", "2")));

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
    void anEndpointFailingForTheWholeWindowIsDisabledWithAVisibleReason() {
        receiver.mode(WebhookReceiver.Mode.ERROR_500);
        String ruleId = AlertTesting.createRule(http, receiver, AlertTesting.rule("failing.a", 1, "UP", receiver.url(), 0))
                .get("id").asText();
        http.post("/counters/failing.a/increment").send();

        await().atMost(Duration.ofSeconds(15)).until(() -> !http.get("/alerts/" + ruleId).send().json().get("enabled").asBoolean());
        JsonNode rule = http.get("/alerts/" + ruleId).send().json();
        assertThat(rule.get("disabledReason").asText()).contains("failing since");
        JsonNode delivery = AlertTesting.deliveries(http, ruleId).get(0);
        assertThat(delivery.get("status").asText()).isEqualTo("FAILED");
        assertThat(delivery.get("attemptCount").asInt()).isGreaterThan(1);
        assertThat(delivery.get("attempts")).allMatch(a -> a.get("status").asInt() == 500);
    }

    @Test
    void reEnablingADisabledRuleClearsItsReason() {
        receiver.mode(WebhookReceiver.Mode.GONE);
        String ruleId = AlertTesting.createRule(http, receiver, AlertTesting.rule("failing.b", 1, "UP", receiver.url(), 0))
                .get("id").asText();
        http.post("/counters/failing.b/increment").send();
        await().atMost(Duration.ofSeconds(10)).until(() -> !http.get("/alerts/" + ruleId).send().json().get("enabled").asBoolean());

        JsonNode enabled = http.method("PATCH", "/alerts/" + ruleId).json("{\"enabled\":true}").json();

        assertThat(enabled.get("enabled").asBoolean()).isTrue();
        assertThat(enabled.has("disabledReason")).isFalse();
    }

    @Test
    void incrementsAnswerWhileEverySenderIsStuckOnADeadReceiver() {
        receiver.mode(WebhookReceiver.Mode.HANG);
        AlertTesting.createRule(http, receiver, AlertTesting.rule("stuck.a", 1, "BOTH", receiver.url(), 0));
        for (int i = 0; i < 3; i++) {
            http.post("/counters/stuck.a/increment").send();
            http.post("/counters/stuck.a/decrement").send();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.hanging() == 2);

        for (int i = 0; i < 10; i++) {
            assertThat(http.post("/counters/stuck.b/increment").send().status()).isEqualTo(200);
        }
        assertThat(receiver.hanging()).as("both senders were still stuck while the increments were answered").isEqualTo(2);
    }
}
