package dev.countd.api.auth;

import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.Http.Reply;
import dev.countd.api.TestApps;
import dev.countd.api.TestKeys;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(DropwizardExtensionsSupport.class)
class ApiKeyAuthTest {

    // A failure budget far above what this class spends, so its 401s never turn into 429s.
    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app(
            ConfigOverride.config("rateLimits.authFailuresPerIp.capacity", "100000"));

    private Http admin;
    private Http anonymous;

    @BeforeEach
    void clients() {
        admin = Http.local(APP.getLocalPort());
        anonymous = Http.anonymous(APP.getLocalPort());
    }

    @Test
    void missingKeyIs401WithBearerChallenge() {
        Reply reply = anonymous.get("/counters/auth.x").send();
        assertUnauthorized(reply);
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"countd\"");
        assertThat(reply.json().get("detail").asText()).contains("API key is required");
    }

    @Test
    void malformedKeyIs401() {
        Reply reply = anonymous.withKey("ck_nope").get("/counters/auth.x").send();
        assertUnauthorized(reply);
        assertThat(reply.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
    }

    @Test
    void unknownKeyIs401() {
        assertUnauthorized(anonymous.withKey("ck_unknown99_" + "U".repeat(40)).get("/counters/auth.x").send());
    }

    @Test
    void rightIdWithWrongSecretIs401() {
        String key = TestKeys.create(admin, "auth-ns", "counters:read");
        String wrong = "ck_" + TestKeys.idOf(key) + "_" + "W".repeat(40);
        assertUnauthorized(anonymous.withKey(wrong).get("/counters/auth.x").send());
    }

    @Test
    void basicAuthorizationSchemeIs401() {
        Reply reply = anonymous.get("/counters/auth.x").header("Authorization", "Basic YWRtaW46YWRtaW4=").send();
        assertUnauthorized(reply);
    }

    @Test
    void revokedKeyIsRefusedAtOnce() {
        String key = TestKeys.create(admin, "auth-ns", "counters:read", "counters:write");
        Http client = anonymous.withKey(key);
        assertThat(client.post("/counters/auth.rev/increment").send().status()).isEqualTo(200);
        assertThat(admin.delete("/api-keys/" + TestKeys.idOf(key)).send().status()).isEqualTo(200);
        Reply reply = client.post("/counters/auth.rev/increment").send();
        assertUnauthorized(reply);
        assertThat(reply.json().get("detail").asText()).contains("revoked");
    }

    @Test
    void expiredKeyIs401() {
        String expiry = Instant.now().plusSeconds(2).toString();
        String key = TestKeys.createJson(admin, "{\"name\":\"short\",\"namespace\":\"auth-ns\",\"scopes\":[\"counters:read\"],"
                + "\"expiresAt\":\"" + expiry + "\"}").get("key").asText();
        Http client = anonymous.withKey(key);
        assertThat(client.get("/counters?prefix=auth").send().status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Reply reply = client.get("/counters?prefix=auth").send();
            assertUnauthorized(reply);
            assertThat(reply.json().get("detail").asText()).contains("expired");
        });
    }

    @Test
    void xApiKeyHeaderIsAcceptedLikeBearer() {
        Reply reply = anonymous.get("/counters/auth.none").header("X-API-Key", TestApps.ADMIN_KEY).send();
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.problemType()).isEqualTo("counter-not-found");
    }

    @Test
    void readOnlyKeyGets403OnEveryWriteRoute() {
        Http reader = anonymous.withKey(TestKeys.create(admin, "auth-ro", "counters:read"));
        assertForbidden(reader.post("/counters/auth.w/increment").send());
        assertForbidden(reader.post("/counters/auth.w/decrement").send());
        assertForbidden(reader.post("/counters/auth.w/reset").send());
        assertForbidden(reader.put("/counters/auth.w").json("{\"value\":1}"));
        assertForbidden(reader.delete("/counters/auth.w").send());
        assertThat(reader.get("/counters/auth.w").send().status()).isEqualTo(404);
    }

    @Test
    void writeOnlyKeyGets403OnReadRoutes() {
        Http writer = anonymous.withKey(TestKeys.create(admin, "auth-wo", "counters:write"));
        assertThat(writer.post("/counters/auth.r/increment").send().status()).isEqualTo(200);
        assertForbidden(writer.get("/counters/auth.r").send());
        assertForbidden(writer.get("/counters").send());
    }

    @Test
    void keyWithoutKeysManageGets403OnApiKeys() {
        Http counterKey = anonymous.withKey(TestKeys.create(admin, "auth-ns", "counters:read", "counters:write"));
        assertForbidden(counterKey.get("/api-keys").send());
        assertForbidden(counterKey.post("/api-keys").json("{\"name\":\"x\",\"scopes\":[\"counters:read\"]}"));
    }

    @Test
    void keyCannotGrantScopesItLacks() {
        Http manager = anonymous.withKey(TestKeys.create(admin, "auth-mg", "keys:manage", "counters:read"));
        assertForbidden(manager.post("/api-keys").json("{\"name\":\"x\",\"scopes\":[\"counters:write\"]}"));
        assertThat(manager.post("/api-keys").json("{\"name\":\"x\",\"scopes\":[\"counters:read\"]}").status()).isEqualTo(201);
    }

    private static void assertUnauthorized(Reply reply) {
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.problemType()).isEqualTo("unauthorized");
        assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }

    private static void assertForbidden(Reply reply) {
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.problemType()).isEqualTo("insufficient-scope");
    }
}
