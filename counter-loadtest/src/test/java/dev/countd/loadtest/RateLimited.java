package dev.countd.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * A key with a small plan ({@code limitCapacity} tokens, refilled {@code limitRefill} per second; created
 * with the admin key through {@code POST /api-keys}) hammers one counter: answers must be 200 or 429,
 * every 429 must carry {@code Retry-After}, some 429s must appear, and only the 200s may count.
 */
public class RateLimited extends CountdSimulation {

    static final String NAME = "limited";
    static final String COUNTER = LoadParams.counterName(NAME, 0);
    static final int CAPACITY = LoadParams.number("limitCapacity", 20);
    static final int REFILL_PER_SECOND = LoadParams.number("limitRefill", 10);
    static final AtomicReference<String> LIMITED_KEY = new AtomicReference<>();
    static final AtomicReference<String> LIMITED_KEY_ID = new AtomicReference<>();
    static final AtomicLong REJECTED = new AtomicLong();
    static final Tally TALLY = new Tally();

    static final HttpProtocolBuilder PROTOCOL = Load.protocol(false);
    static final ChainBuilder INCREMENT = exec(http("increment (limited key)")
            .post("/counters/" + COUNTER + "/increment")
            .header("Authorization", session -> "Bearer " + LIMITED_KEY.get())
            .check(status().transformWithSession((code, session) -> {
                if (code == 200) {
                    TALLY.add(COUNTER, 1);
                } else if (code == 429) {
                    REJECTED.incrementAndGet();
                }
                return code;
            }).in(200, 429))
            .checkIf((response, session) -> response.status().code() == 429).then(header("Retry-After").exists()));
    static final ScenarioBuilder SCENARIO = Load.scenarioOf("rate limited", INCREMENT);

    {
        setUp(Load.injected(SCENARIO)).protocols(PROTOCOL).assertions(Load.assertions());
    }

    @Override
    protected void prepare() {
        JsonNode created = api.post("/api-keys", Map.of(
                "name", "loadtest " + LoadParams.RUN_ID,
                "scopes", List.of("counters:read", "counters:write"),
                "rateLimit", Map.of("capacity", CAPACITY, "refillTokens", REFILL_PER_SECOND, "refillPeriod", "PT1S")))
                .expect(201, "POST /api-keys (the apiKey needs keys:manage and operator rights)").json();
        LIMITED_KEY.set(created.get("key").asText());
        LIMITED_KEY_ID.set(created.get("id").asText());
    }

    @Override
    protected void check() {
        try {
            TALLY.verify(api, LoadParams.prefix(NAME));
            System.out.printf("rate limit: %d accepted, %d rejected with 429%n", TALLY.total(), REJECTED.get());
            if (REJECTED.get() == 0) {
                throw new AssertionError("no 429 in " + TALLY.total() + " requests: a key with capacity " + CAPACITY
                        + " and refill " + REFILL_PER_SECOND + "/s was not limited");
            }
            if (TALLY.total() == 0) {
                throw new AssertionError("the limited key was never let through");
            }
        } finally {
            api.delete("/api-keys/" + LIMITED_KEY_ID.get());
        }
    }
}
