package dev.countd.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.countd.api.admin.Browserless.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link AlertsReadout} behind the dashboard's alert forms of a running app (production SSRF guard on):
 * what the dashboard does is what {@code /alerts} shows, and it refuses what {@code /alerts} refuses.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AlertsReadoutTest {

    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app();
    static final String PUBLIC_URL = "http://203.0.113.10/hooks";

    private Http api() {
        return Http.local(APP.getLocalPort());
    }

    private static Browserless operator() {
        Browserless browser = new Browserless(APP.getLocalPort());
        browser.loginAsAdmin();
        return browser;
    }

    private static HttpResponse<String> create(Browserless browser, String namespace, String counter, String direction,
                                               String url) {
        String token = Browserless.csrf(browser.get("/admin/alerts").body());
        return browser.post("/admin/alerts", form("_csrf", token, "namespace", namespace, "counter", counter,
                "threshold", "100", "direction", direction, "url", url));
    }

    private List<JsonNode> apiRules() {
        Http.Reply reply = api().get("/alerts").send();
        assertThat(reply.status()).isEqualTo(200);
        List<JsonNode> rules = new ArrayList<>();
        reply.json().get("items").forEach(rules::add);
        return rules;
    }

    private JsonNode apiRule(String counter) {
        return apiRules().stream().filter(r -> r.get("counter").asText().equals(counter)).findFirst()
                .orElseThrow(() -> new AssertionError("no rule on " + counter + " in GET /alerts"));
    }

    @Test
    void ruleCreatedThroughTheDashboardIsVisibleThroughTheApiWithItsSecretShownOnce() {
        HttpResponse<String> reply = create(operator(), "default", "readout.*", "BOTH", PUBLIC_URL);

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("Alert rule created").containsPattern("whsec_[A-Za-z0-9+/]{32}");
        JsonNode rule = apiRule("readout.*");
        assertThat(rule.get("threshold").asLong()).isEqualTo(100);
        assertThat(rule.get("direction").asText()).isEqualTo("BOTH");
        assertThat(rule.get("url").asText()).isEqualTo(PUBLIC_URL);
        assertThat(rule.get("enabled").asBoolean()).isTrue();
        assertThat(operator().get("/admin/alerts").body()).contains("default/readout.*").doesNotContain("whsec_");
    }

    @Test
    void ruleTakesTheNamespaceOfTheForm() {
        Browserless browser = operator();
        create(browser, "team-b", "other.tenant", "UP", PUBLIC_URL);

        assertThat(browser.get("/admin/alerts").body()).contains("team-b/other.tenant");
        assertThat(apiRules()).noneMatch(r -> r.get("counter").asText().equals("other.tenant"));
    }

    @Test
    void loopbackWebhookTargetIsRefusedByTheSsrfGuardAndCreatesNothing() {
        Browserless browser = operator();
        HttpResponse<String> reply = create(browser, "default", "ssrf.target", "UP", "http://127.0.0.1/hook");

        assertThat(reply.statusCode()).isEqualTo(303);
        assertThat(browser.get("/admin/alerts").body()).contains("The rule was not created")
                .contains("webhooks go to public addresses only").doesNotContain("ssrf.target");
        assertThat(apiRules()).noneMatch(r -> r.get("counter").asText().equals("ssrf.target"));
    }

    @Test
    void invalidNamespaceCounterOrDirectionCreatesNothing() {
        Browserless browser = operator();
        create(browser, "Not A Namespace", "bad.namespace", "UP", PUBLIC_URL);
        create(browser, "default", "bad counter", "UP", PUBLIC_URL);
        create(browser, "default", "bad.direction", "SIDEWAYS", PUBLIC_URL);

        assertThat(browser.get("/admin/alerts").body()).doesNotContain("bad.namespace").doesNotContain("bad counter")
                .doesNotContain("bad.direction");
        assertThat(apiRules()).noneMatch(r -> r.get("counter").asText().startsWith("bad"));
    }

    @Test
    void disablingAndDeletingThroughTheDashboardShowInTheApi() {
        Browserless browser = operator();
        create(browser, "default", "toggled.rule", "DOWN", PUBLIC_URL);
        String id = apiRule("toggled.rule").get("id").asText();

        String token = Browserless.csrf(browser.get("/admin/alerts").body());
        assertThat(browser.post("/admin/alerts/" + id + "/disable", form("_csrf", token)).statusCode()).isEqualTo(303);
        assertThat(apiRule("toggled.rule").get("enabled").asBoolean()).isFalse();
        assertThat(browser.post("/admin/alerts/" + id + "/delete", form("_csrf", token)).statusCode()).isEqualTo(303);

        assertThat(api().get("/alerts/" + id).send().status()).isEqualTo(404);
    }

    @Test
    void aCrossingShowsAmongRecentEventsAndInTheRulesDeliveries() {
        Browserless browser = operator();
        create(browser, "default", "crossed.counter", "UP", PUBLIC_URL);
        String id = apiRule("crossed.counter").get("id").asText();

        assertThat(api().post("/counters/crossed.counter/increment?by=150").send().status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(browser.get("/admin/alerts/" + id + "/deliveries").body()).doesNotContain("No deliveries yet.")
                        .contains("Redeliver"));
        assertThat(browser.get("/admin/").body()).contains("crossed.counter").doesNotContain("No threshold crossings yet.");
    }
}
