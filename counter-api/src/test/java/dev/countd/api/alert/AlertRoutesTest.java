package dev.countd.api.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import dev.countd.api.TestKeys;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The /alerts routes with the production SSRF guard on (allowPrivateNetworks false). */
@ExtendWith(DropwizardExtensionsSupport.class)
class AlertRoutesTest {

    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app();
    static final String PUBLIC_URL = "http://203.0.113.10/hooks";

    private Http http() {
        return Http.local(APP.getLocalPort());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]/hook",
            "http://10.0.0.1/hook", "http://localhost:8080/hook", "file:///etc/passwd", "ftp://example.com/hook",
            "http://192.168.1.1/", "http://172.16.0.1/", "http://100.64.0.1/", "http://[fc00::1]/", "http://[::ffff:127.0.0.1]/",
            "http://0.0.0.0/", "http://224.0.0.1/", "http://user:pass@203.0.113.10/", "not a url"})
    void unsafeWebhookTargetsAreRefusedWith422(String url) {
        Http.Reply reply = http().post("/alerts").json(AlertTesting.rule("ssrf.a", 1, "UP", url, 0));

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.problemType()).isEqualTo("webhook-target-refused");
        assertThat(http().get("/alerts").send().json().get("items").toString()).doesNotContain(url);
    }

    @Test
    void changingTheUrlToAnUnsafeTargetIsRefused() {
        String id = create("{\"counter\":\"a\",\"threshold\":1,\"url\":\"" + PUBLIC_URL + "\"}").get("id").asText();

        Http.Reply reply = http().method("PATCH", "/alerts/" + id).json("{\"url\":\"http://127.0.0.1/x\"}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(http().get("/alerts/" + id).send().json().get("url").asText()).isEqualTo(PUBLIC_URL);
    }

    @Test
    void theSigningSecretIsReturnedOnlyInTheCreationAnswer() {
        JsonNode created = create("{\"counter\":\"orders.*\",\"threshold\":100,\"direction\":\"BOTH\",\"url\":\"" + PUBLIC_URL
                + "\",\"hysteresis\":5}");

        assertThat(created.get("secret").asText()).matches("whsec_[A-Za-z0-9+/]{32}");
        assertThat(created.get("counter").asText()).isEqualTo("orders.*");
        assertThat(created.get("direction").asText()).isEqualTo("BOTH");
        assertThat(created.get("hysteresis").asLong()).isEqualTo(5);
        assertThat(created.get("enabled").asBoolean()).isTrue();
        String id = created.get("id").asText();
        assertThat(http().get("/alerts/" + id).send().body()).doesNotContain("secret").doesNotContain(created.get("secret").asText());
        assertThat(http().get("/alerts").send().body()).doesNotContain(created.get("secret").asText());
        assertThat(http().method("PATCH", "/alerts/" + id).json("{\"threshold\":7}").body()).doesNotContain("secret");
    }

    @Test
    void aRuleCanBeChangedAndDeleted() {
        String id = create("{\"counter\":\"b\",\"threshold\":1,\"url\":\"" + PUBLIC_URL + "\"}").get("id").asText();

        JsonNode changed = http().method("PATCH", "/alerts/" + id)
                .json("{\"threshold\":-5,\"direction\":\"DOWN\",\"enabled\":false,\"counter\":\"c.*\"}").json();

        assertThat(changed.get("threshold").asLong()).isEqualTo(-5);
        assertThat(changed.get("direction").asText()).isEqualTo("DOWN");
        assertThat(changed.get("enabled").asBoolean()).isFalse();
        assertThat(changed.get("counter").asText()).isEqualTo("c.*");
        assertThat(http().delete("/alerts/" + id).send().status()).isEqualTo(204);
        assertThat(http().get("/alerts/" + id).send().status()).isEqualTo(404);
        assertThat(http().delete("/alerts/" + id).send().status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"threshold\":1,\"url\":\"" + PUBLIC_URL + "\"}",
            "{\"counter\":\"a\",\"url\":\"" + PUBLIC_URL + "\"}",
            "{\"counter\":\"a\",\"threshold\":1}",
            "{\"counter\":\"a b\",\"threshold\":1,\"url\":\"" + PUBLIC_URL + "\"}",
            "{\"counter\":\"a\",\"threshold\":1,\"direction\":\"SIDEWAYS\",\"url\":\"" + PUBLIC_URL + "\"}",
            "{\"counter\":\"a\",\"threshold\":1,\"hysteresis\":-1,\"url\":\"" + PUBLIC_URL + "\"}"})
    void incompleteOrInvalidRulesAre422(String body) {
        Http.Reply reply = http().post("/alerts").json(body);

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.problemType()).isEqualTo("invalid-field");
    }

    @Test
    void unknownFieldsAreRefused() {
        Http.Reply reply = http().post("/alerts").json("{\"counter\":\"a\",\"threshold\":1,\"url\":\"" + PUBLIC_URL
                + "\",\"colour\":\"red\"}");

        assertThat(reply.status()).isBetween(400, 422);
    }

    @Test
    void anotherNamespaceSeesNeitherTheRuleNorItsDeliveries() {
        String id = create("{\"counter\":\"d\",\"threshold\":1,\"url\":\"" + PUBLIC_URL + "\"}").get("id").asText();
        Http other = Http.anonymous(APP.getLocalPort()).withKey(TestKeys.create(http(), "tenant-b", "alerts:manage"));

        assertThat(other.get("/alerts/" + id).send().status()).isEqualTo(404);
        assertThat(other.get("/alerts/" + id + "/deliveries").send().status()).isEqualTo(404);
        assertThat(other.method("PATCH", "/alerts/" + id).json("{\"enabled\":false}").status()).isEqualTo(404);
        assertThat(other.delete("/alerts/" + id).send().status()).isEqualTo(404);
        assertThat(other.get("/alerts").send().json().get("items")).isEmpty();
        assertThat(http().get("/alerts/" + id).send().json().get("enabled").asBoolean()).isTrue();
    }

    @Test
    void aKeyWithoutAlertsManageIsForbidden() {
        Http reader = Http.anonymous(APP.getLocalPort()).withKey(TestKeys.create(http(), "default", "counters:read", "counters:write"));

        assertThat(reader.get("/alerts").send().status()).isEqualTo(403);
        assertThat(reader.post("/alerts").json("{\"counter\":\"a\",\"threshold\":1,\"url\":\"" + PUBLIC_URL + "\"}").status())
                .isEqualTo(403);
    }

    private JsonNode create(String body) {
        Http.Reply reply = http().post("/alerts").json(body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        assertThat(reply.header("Location")).endsWith("/alerts/" + reply.json().get("id").asText());
        return reply.json();
    }
}
