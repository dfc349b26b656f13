package dev.countd.api.counter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.Http.Reply;
import dev.countd.api.TestApps;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class BatchRouteTest {

    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app();
    private Http http;

    @BeforeEach
    void client() {
        http = Http.local(APP.getLocalPort());
    }

    @Test
    void mixedResultsComeBackInOrderEachWithItsOwnStatus() {
        http.put("/counters/batch.capped").json("{\"max\":5,\"value\":5}");
        Reply reply = http.post("/counters/_batch").json("""
                {"operations":[
                  {"op":"increment","name":"batch.a","by":2},
                  {"op":"increment","name":"batch.capped"},
                  {"op":"reset","name":"batch.none"},
                  {"op":"set","name":"batch.capped","value":99},
                  {"op":"increment","name":"-bad-"},
                  {"op":"increment","name":"batch.a","by":0},
                  {"op":"decrement","name":"batch.a"},
                  {"op":"set","name":"batch.new","value":3}
                ]}""");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode results = reply.json().get("results");
        assertThat(results).as(reply.body()).isNotNull();
        assertThat(results).extracting(r -> r.get("status").asInt()).containsExactly(200, 409, 404, 422, 400, 422, 200, 201);
        assertThat(results.get(0).get("counter").get("value").asLong()).isEqualTo(2);
        assertThat(results.get(1).get("problem").get("type").asText()).endsWith("/bound-exceeded");
        assertThat(results.get(6).get("counter").get("value").asLong()).isEqualTo(1);
        assertThat(http.get("/counters/batch.a").send().json().get("value").asLong()).isEqualTo(1);
    }

    @Test
    void aBatchSentTwiceWithOneIdempotencyKeyIsAppliedOnceAndReplayedIdentically() {
        String body = "{\"operations\":[{\"op\":\"increment\",\"name\":\"batch.idem\",\"by\":3},"
                + "{\"op\":\"increment\",\"name\":\"batch.idem\",\"by\":4},{\"op\":\"increment\",\"name\":\"batch.idem2\"}]}";
        Reply first = http.post("/counters/_batch").header("Idempotency-Key", "batch-1").json(body);
        Reply retry = http.post("/counters/_batch").header("Idempotency-Key", "batch-1").json(body);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(http.get("/counters/batch.idem").send().json().get("value").asLong()).isEqualTo(7);
        Reply changed = http.post("/counters/_batch").header("Idempotency-Key", "batch-1")
                .json(body.replace("\"by\":4", "\"by\":5"));
        assertThat(changed.json().get("results").get(0).get("status").asInt()).isEqualTo(422);
        assertThat(http.get("/counters/batch.idem").send().json().get("value").asLong()).isEqualTo(7);
    }

    @Test
    void emptyAndOversizedBatchesAre422() {
        assertThat(http.post("/counters/_batch").json("{\"operations\":[]}").status()).isEqualTo(422);
        StringBuilder big = new StringBuilder("{\"operations\":[");
        for (int i = 0; i < 1001; i++) {
            big.append(i == 0 ? "" : ",").append("{\"op\":\"increment\",\"name\":\"b").append(i).append("\"}");
        }
        Reply reply = http.post("/counters/_batch").json(big.append("]}").toString());
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("detail").asText()).contains("at most 1000");
        assertThat(http.get("/counters/b1").send().status()).isEqualTo(404);
    }

    @Test
    void preferReturnMinimalAnswersStatusValueAndVersionPerOperationInOrder() {
        http.put("/counters/min.capped").json("{\"max\":5,\"value\":5}");
        http.put("/counters/min.clamp").json("{\"max\":5,\"value\":4,\"overflow\":\"CLAMP\"}");
        Reply reply = http.post("/counters/_batch").header("Prefer", "return=minimal").json("""
                {"operations":[
                  {"op":"increment","name":"min.a","by":2},
                  {"op":"increment","name":"min.capped"},
                  {"op":"increment","name":"-bad-"},
                  {"op":"increment","name":"min.a","by":3},
                  {"op":"increment","name":"min.clamp","by":3},
                  {"op":"set","name":"min.new","value":9},
                  {"op":"delete","name":"min.new"}
                ]}""");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Preference-Applied")).isEqualTo("return=minimal");
        JsonNode results = reply.json().get("results");
        assertThat(results).extracting(r -> r.get("status").asInt()).containsExactly(200, 409, 400, 200, 200, 201, 204);
        assertThat(results.get(0).toString()).isEqualTo("{\"status\":200,\"value\":2,\"version\":1}");
        assertThat(results.get(3).toString()).isEqualTo("{\"status\":200,\"value\":5,\"version\":2}");
        assertThat(results.get(4).get("clamped").asBoolean()).isTrue();
        assertThat(results.get(4).get("value").asLong()).isEqualTo(5);
        assertThat(results.get(1).get("problem").get("type").asText()).endsWith("/bound-exceeded");
        assertThat(results.get(1).has("value")).isFalse();
        assertThat(results.get(2).get("problem").get("detail").asText()).isNotBlank();
        assertThat(results.get(5).get("value").asLong()).isEqualTo(9);
        assertThat(results.get(6).toString()).isEqualTo("{\"status\":204}");
        assertThat(http.get("/counters/min.a").send().json().get("value").asLong()).isEqualTo(5);
    }

    @Test
    void withoutPreferTheAnswerKeepsTheWholeCounterAndAppliesNoPreference() {
        Reply reply = http.post("/counters/_batch").header("Prefer", "respond-async, return=representation")
                .json("{\"operations\":[{\"op\":\"increment\",\"name\":\"full.a\"}]}");
        assertThat(reply.header("Preference-Applied")).isNull();
        JsonNode counter = reply.json().get("results").get(0).get("counter");
        assertThat(counter.get("name").asText()).isEqualTo("full.a");
        assertThat(counter.get("value").asLong()).isEqualTo(1);
        assertThat(counter.has("createdAt")).isTrue();
    }

    /** 100 operations over 10 counters (the test plan's bucket holds 1,000 tokens: one per operation). */
    @Test
    void aKeyedHotBatchIsAppliedOnceAndReplaysTheSameMinimalAnswer() {
        StringBuilder body = new StringBuilder("{\"operations\":[");
        for (int i = 0; i < 100; i++) {
            body.append(i == 0 ? "" : ",").append("{\"op\":\"increment\",\"name\":\"hot.").append(i % 10)
                    .append("\",\"by\":").append(1 + i % 3).append('}');
        }
        String batch = body.append("]}").toString();
        Reply first = http.post("/counters/_batch").header("Idempotency-Key", "hot-1").header("Prefer", "return=minimal").json(batch);
        Reply retry = http.post("/counters/_batch").header("Idempotency-Key", "hot-1").header("Prefer", "return=minimal").json(batch);
        Reply full = http.post("/counters/_batch").header("Idempotency-Key", "hot-1").json(batch);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(full.json().get("results").get(99).get("counter").get("value").asLong())
                .isEqualTo(first.json().get("results").get(99).get("value").asLong());
        long expected = 0;
        for (int i = 0; i < 100; i++) {
            expected += i % 10 == 3 ? 1 + i % 3 : 0;
        }
        assertThat(http.get("/counters/hot.3").send().json().get("value").asLong()).isEqualTo(expected);
        assertThat(first.json().get("results").get(93).get("value").asLong()).isEqualTo(expected);
        assertThat(first.json().get("results").get(3).get("version").asLong()).isEqualTo(1);
    }
}
