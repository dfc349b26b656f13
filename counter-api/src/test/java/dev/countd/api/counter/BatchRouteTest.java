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
}
