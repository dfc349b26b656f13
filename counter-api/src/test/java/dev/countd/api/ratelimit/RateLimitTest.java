package dev.countd.api.ratelimit;

import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.Http.Reply;
import dev.countd.api.TestApps;
import dev.countd.api.TestKeys;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class RateLimitTest {

    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app();
    /** 50 requests at once, then one an hour: a window of 50 h. */
    static final String FIFTY_SLOW = "{\"capacity\":50,\"refillTokens\":1,\"refillPeriod\":\"PT1H\"}";

    private Http admin;

    @BeforeEach
    void client() {
        admin = Http.local(APP.getLocalPort());
    }

    @Test
    void capacityFiftyGivesExactlyFiftySuccessesThen429() {
        Http client = keyWithLimit(FIFTY_SLOW);
        List<Integer> statuses = new ArrayList<>();
        Reply last = null;
        for (int i = 0; i < 60; i++) {
            last = client.post("/counters/rl.fifty/increment").send();
            statuses.add(last.status());
        }
        assertThat(statuses.subList(0, 50)).containsOnly(200);
        assertThat(statuses.subList(50, 60)).containsOnly(429);
        assertThat(client.get("/counters/rl.fifty").send().status()).isEqualTo(429);
        assertThat(admin.get("/counters/rl.fifty").send().json().get("value").asLong()).isEqualTo(50);

        assertThat(last.problemType()).isEqualTo("rate-limited");
        assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(3000L, 3600L);
        assertThat(last.header("RateLimit-Policy")).isEqualTo("\"custom\";q=50;w=180000");
        assertThat(last.header("RateLimit")).matches("\"custom\";r=0;t=\\d+");
        assertThat(last.header("X-RateLimit-Limit")).isEqualTo("50");
        assertThat(last.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(last.header("X-RateLimit-Reset"))).isBetween(179_000L, 180_000L);
    }

    @Test
    void aBatchLargerThanTheLimitsCapacityIs422WithoutRetryAfterAndChangesNothing() {
        Http client = keyWithLimit("{\"capacity\":5,\"refillTokens\":5,\"refillPeriod\":\"PT1S\"}");
        StringBuilder operations = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            operations.append(i == 0 ? "" : ",").append("{\"op\":\"increment\",\"name\":\"rl.toolarge\"}");
        }
        Reply refused = client.post("/counters/_batch").json("{\"operations\":[" + operations + "]}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.problemType()).isEqualTo("batch-exceeds-rate-limit");
        assertThat(refused.json().get("detail").asText()).contains("6 tokens").contains("at most 5 operations");
        assertThat(refused.header("Retry-After")).isNull();
        assertThat(admin.get("/counters/rl.toolarge").send().status()).isEqualTo(404);
        // a batch that fits what is left (the refused request still took its one token) is applied
        String four = "{\"op\":\"increment\",\"name\":\"rl.toolarge\"}" + ",{\"op\":\"increment\",\"name\":\"rl.toolarge\"}".repeat(3);
        Reply applied = client.post("/counters/_batch").json("{\"operations\":[" + four + "]}");
        assertThat(applied.status()).isEqualTo(200);
        assertThat(admin.get("/counters/rl.toolarge").send().json().get("value").asLong()).isEqualTo(4);
    }

    @Test
    void successfulAnswersCountDownTheRemainingBudget() {
        Http client = keyWithLimit(FIFTY_SLOW);
        Reply first = client.post("/counters/rl.count/increment").send();
        Reply second = client.get("/counters/rl.count").send();
        assertThat(first.header("X-RateLimit-Remaining")).isEqualTo("49");
        assertThat(first.header("RateLimit")).startsWith("\"custom\";r=49;t=");
        assertThat(second.header("X-RateLimit-Remaining")).isEqualTo("48");
        assertThat(second.header("Retry-After")).isNull();
    }

    @Test
    void problemAnswersCarryTheHeadersToo() {
        Reply notFound = admin.get("/counters/rl.absent").send();
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.header("RateLimit-Policy")).isEqualTo("\"standard\";q=1000;w=2");
        assertThat(notFound.header("X-RateLimit-Limit")).isEqualTo("1000");
        Reply unauthorized = Http.anonymous(APP.getLocalPort()).get("/counters/rl.absent").send();
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("RateLimit-Policy")).startsWith("\"auth-failures\";q=20;");
    }

    @Test
    void keysWithoutPlanAreOnTheDefaultPlan() {
        String key = TestKeys.create(admin, "rl-ns", "counters:read");
        assertThat(admin.get("/api-keys/" + TestKeys.idOf(key)).send().json().get("plan").asText()).isEqualTo("standard");
        assertThat(Http.anonymous(APP.getLocalPort()).withKey(key).get("/counters").send().header("RateLimit-Policy"))
                .isEqualTo("\"standard\";q=1000;w=2");
    }

    @Test
    void planChangedAtRuntimeAppliesToTheNextRequest() {
        String key = TestKeys.create(admin, "rl-ns", "counters:read");
        Http client = Http.anonymous(APP.getLocalPort()).withKey(key);
        assertThat(client.get("/counters").send().header("X-RateLimit-Limit")).isEqualTo("1000");

        Reply changed = admin.method("PATCH", "/api-keys/" + TestKeys.idOf(key)).json("{\"plan\":\"free\"}");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("plan").asText()).isEqualTo("free");
        assertThat(client.get("/counters").send().header("RateLimit-Policy")).isEqualTo("\"free\";q=60;w=60");

        admin.method("PATCH", "/api-keys/" + TestKeys.idOf(key)).json("{\"rateLimit\":" + FIFTY_SLOW + "}");
        assertThat(client.get("/counters").send().header("RateLimit-Policy")).isEqualTo("\"custom\";q=50;w=180000");
    }

    @Test
    void unknownPlanIs422AndChangesNothing() {
        String key = TestKeys.create(admin, "rl-ns", "counters:read");
        Reply reply = admin.method("PATCH", "/api-keys/" + TestKeys.idOf(key)).json("{\"plan\":\"gold\"}");
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.problemType()).isEqualTo("unknown-plan");
        assertThat(admin.get("/api-keys/" + TestKeys.idOf(key)).send().json().get("plan").asText()).isEqualTo("standard");
    }

    @Test
    void invalidRateLimitIs422() {
        Reply reply = admin.post("/api-keys").json("{\"name\":\"x\",\"scopes\":[\"counters:read\"],"
                + "\"rateLimit\":{\"capacity\":0,\"refillTokens\":1,\"refillPeriod\":\"PT1S\"}}");
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("detail").asText()).contains("capacity");
    }

    private Http keyWithLimit(String rateLimit) {
        // In the admin's namespace, so the admin (with its own budget) can read what the key changed.
        String key = TestKeys.createJson(admin, "{\"name\":\"limited\",\"namespace\":\"default\",\"scopes\":[\"counters:read\",\"counters:write\"],\"rateLimit\":" + rateLimit + "}").get("key").asText();
        return Http.anonymous(APP.getLocalPort()).withKey(key);
    }
}
