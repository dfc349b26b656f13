package dev.countd.api.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countd.api.Http;
import io.dropwizard.testing.ConfigOverride;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared steps of the alert tests. */
final class AlertTesting {

    private AlertTesting() {
    }

    /** Fast delivery settings for tests, receivers on 127.0.0.1 allowed. */
    static ConfigOverride[] fastDelivery(ConfigOverride... more) {
        return fastDelivery("1s", more);
    }

    static ConfigOverride[] fastDelivery(String timeout, ConfigOverride... more) {
        ConfigOverride[] base = {
                ConfigOverride.config("alerts.allowPrivateNetworks", "true"),
                ConfigOverride.config("alerts.pollInterval", "20ms"),
                ConfigOverride.config("alerts.initialBackoff", "50ms"),
                ConfigOverride.config("alerts.maxBackoff", "400ms"),
                ConfigOverride.config("alerts.timeout", timeout),
                ConfigOverride.config("alerts.claimTimeout", "3s")};
        ConfigOverride[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /** Creates a rule and teaches the receiver its secret; returns the 201 body. */
    static JsonNode createRule(Http http, WebhookReceiver receiver, String json) {
        Http.Reply reply = http.post("/alerts").json(json);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        receiver.trust(reply.json().get("secret").asText());
        return reply.json();
    }

    static String rule(String counter, long threshold, String direction, String url, long hysteresis) {
        return "{\"counter\":\"" + counter + "\",\"threshold\":" + threshold + ",\"direction\":\"" + direction
                + "\",\"url\":\"" + url + "\",\"hysteresis\":" + hysteresis + "}";
    }

    static JsonNode deliveries(Http http, String ruleId) {
        Http.Reply reply = http.get("/alerts/" + ruleId + "/deliveries?limit=200").send();
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("items");
    }
}
