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
class CounterRoutesTest {

    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app();

    private Http http;

    @BeforeEach
    void client() {
        http = Http.local(APP.getLocalPort());
    }

    @Test
    void firstIncrementCreatesTheCounterWithValueOne() {
        Reply response = http.post("/counters/routes.first/increment").send();
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("value").asLong()).isEqualTo(1);
        assertThat(body.get("namespace").asText()).isEqualTo("default");
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void incrementByQueryAndByBodyAddTheAmount() {
        http.post("/counters/routes.by/increment?by=5").send();
        Reply response = http.post("/counters/routes.by/increment").json("{\"by\":7}");
        assertThat(response.json().get("value").asLong()).isEqualTo(12);
    }

    @Test
    void decrementBelowMinIsRejectedWithBoundExceeded() {
        http.post("/counters/routes.dec/increment?by=2").send();
        Reply response = http.post("/counters/routes.dec/decrement?by=3").send();
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asText()).endsWith("/bound-exceeded");
        assertThat(problem.get("detail").asText()).contains("below its min 0");
        assertThat(http.get("/counters/routes.dec").send().json().get("value").asLong()).isEqualTo(2);
    }

    @Test
    void clampCounterStopsAtMaxAndSaysClamped() {
        Reply created = http.put("/counters/routes.clamp").json("{\"max\":10,\"overflow\":\"CLAMP\",\"value\":8}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode body = http.post("/counters/routes.clamp/increment?by=5").send().json();
        assertThat(body.get("value").asLong()).isEqualTo(10);
        assertThat(body.get("clamped").asBoolean()).isTrue();
    }

    @Test
    void getUnknownCounterIs404CounterNotFound() {
        Reply response = http.get("/counters/routes.none").send();
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("type").asText()).endsWith("/counter-not-found");
    }

    @Test
    void putCreatesThenUpdatesKeepingOmittedFields() {
        Reply created = http.put("/counters/routes.put").json(
                "{\"min\":-5,\"max\":100,\"initial\":3,\"description\":\"stock\",\"labels\":{\"team\":\"shop\"}}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode first = created.json();
        assertThat(first.get("value").asLong()).isEqualTo(3);
        Reply updated = http.put("/counters/routes.put").json("{\"max\":50}");
        assertThat(updated.status()).isEqualTo(200);
        JsonNode second = updated.json();
        assertThat(second.get("max").asLong()).isEqualTo(50);
        assertThat(second.get("min").asLong()).isEqualTo(-5);
        assertThat(second.get("description").asText()).isEqualTo("stock");
        assertThat(second.get("labels").get("team").asText()).isEqualTo("shop");
        assertThat(second.get("version").asLong()).isEqualTo(first.get("version").asLong() + 1);
    }

    @Test
    void boundsThatExcludeTheCurrentValueAre409UnlessAValueIsSetInside() {
        http.put("/counters/routes.bounds").json("{\"value\":40}");
        Reply conflict = http.put("/counters/routes.bounds").json("{\"max\":30}");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("type").asText()).endsWith("/bounds-conflict");
        Reply together = http.put("/counters/routes.bounds").json("{\"max\":30,\"value\":30}");
        assertThat(together.status()).isEqualTo(200);
    }

    @Test
    void setOutsideBoundsIs422() {
        http.put("/counters/routes.set").json("{\"max\":10}");
        Reply response = http.put("/counters/routes.set").json("{\"value\":11}");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("type").asText()).endsWith("/invalid-value");
    }

    @Test
    void resetReturnsToInitial() {
        http.put("/counters/routes.reset").json("{\"initial\":4}");
        http.post("/counters/routes.reset/increment?by=6").send();
        JsonNode body = http.post("/counters/routes.reset/reset").send().json();
        assertThat(body.get("value").asLong()).isEqualTo(4);
    }

    @Test
    void deleteAnswers204AndTheCounterIsGone() {
        http.post("/counters/routes.del/increment").send();
        assertThat(http.delete("/counters/routes.del").send().status()).isEqualTo(204);
        assertThat(http.get("/counters/routes.del").send().status()).isEqualTo(404);
        assertThat(http.delete("/counters/routes.del").send().status()).isEqualTo(404);
    }

    @Test
    void ifMatchWithAStaleVersionIs412AndChangesNothing() {
        http.post("/counters/routes.etag/increment").send();
        Reply stale = http.put("/counters/routes.etag").header("If-Match", "\"99\"").json("{\"value\":5}");
        assertThat(stale.status()).isEqualTo(412);
        Reply fresh = http.put("/counters/routes.etag").header("If-Match", "\"1\"").json("{\"value\":5}");
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(http.post("/counters/routes.etag/reset").header("If-Match", "\"1\"").send().status()).isEqualTo(412);
        assertThat(http.delete("/counters/routes.etag").header("If-Match", "\"1\"").send().status()).isEqualTo(412);
        assertThat(http.get("/counters/routes.etag").send().json().get("value").asLong()).isEqualTo(5);
    }

    @Test
    void listPagesThroughAPrefixInNameOrder() {
        for (String name : new String[] {"list.c", "list.a", "list.b", "other.x"}) {
            http.post("/counters/" + name + "/increment").send();
        }
        JsonNode first = http.get("/counters?prefix=list.&limit=2").send().json();
        assertThat(first.get("items")).extracting(item -> item.get("name").asText()).containsExactly("list.a", "list.b");
        String cursor = first.get("nextCursor").asText();
        JsonNode second = http.get("/counters?prefix=list.&limit=2&cursor=" + cursor).send().json();
        assertThat(second.get("items")).extracting(item -> item.get("name").asText()).containsExactly("list.c");
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void badNameIs400WithAPreciseDetail() {
        Reply response = http.post("/counters/-bad/increment").send();
        assertThat(response.status()).isEqualTo(400);
        JsonNode problem = response.json();
        assertThat(problem.get("type").asText()).endsWith("/invalid-counter-name");
        assertThat(problem.get("detail").asText()).contains("must start with a letter or digit");
        String tooLong = "a".repeat(201);
        assertThat(http.get("/counters/" + tooLong).send().json().get("detail").asText()).contains("201 characters");
    }

    @Test
    void zeroNegativeAndNonNumericAmountsAreRefused() {
        assertThat(http.post("/counters/routes.amt/increment?by=0").send().status()).isEqualTo(422);
        assertThat(http.post("/counters/routes.amt/increment?by=-3").send().status()).isEqualTo(422);
        Reply text = http.post("/counters/routes.amt/increment?by=ten").send();
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.json().get("detail").asText()).contains("got 'ten'");
        assertThat(http.post("/counters/routes.amt/increment?by=9223372036854775808").send().status()).isEqualTo(400);
        assertThat(http.post("/counters/routes.amt/increment").json("{\"by\":1.5}").status()).isEqualTo(400);
        assertThat(http.post("/counters/routes.amt/increment").json("{\"by\":\"2\"}").status()).isEqualTo(400);
        assertThat(http.get("/counters/routes.amt").send().status()).isEqualTo(404);
    }

    @Test
    void malformedJsonAndUnknownFieldsAre400() {
        Reply malformed = http.put("/counters/routes.json").json("{\"value\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("type").asText()).endsWith("/malformed-json");
        Reply unknown = http.put("/counters/routes.json").json("{\"valu\":1}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("detail").asText()).contains("'valu'");
        Reply badEnum = http.put("/counters/routes.json").json("{\"overflow\":\"WRAP\"}");
        assertThat(badEnum.json().get("detail").asText()).contains("REJECT, CLAMP");
    }

    @Test
    void wrongMethodIs405AndWrongMediaTypeIs415() {
        Reply method = http.get("/counters/routes.m/increment").send();
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.json().get("type").asText()).endsWith("/method-not-allowed");
        Reply media = http.put("/counters/routes.m").body("text/plain", "value=1");
        assertThat(media.status()).isEqualTo(415);
        assertThat(media.json().get("type").asText()).endsWith("/unsupported-media-type");
    }

    @Test
    void bodiesOver64KiBAre413() {
        String big = "{\"description\":\"" + "x".repeat(70_000) + "\"}";
        Reply response = http.put("/counters/routes.big").json(big);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("type").asText()).endsWith("/payload-too-large");
        assertThat(http.get("/counters/routes.big").send().status()).isEqualTo(404);
    }

    @Test
    void overflowOfThe64BitRangeIsAnErrorNeverAWrap() {
        http.put("/counters/routes.max").json("{\"value\":9223372036854775806}");
        Reply response = http.post("/counters/routes.max/increment?by=9223372036854775807").send();
        assertThat(response.status()).isEqualTo(409);
        assertThat(http.get("/counters/routes.max").send().json().get("value").asLong()).isEqualTo(Long.MAX_VALUE - 1);
    }
}
