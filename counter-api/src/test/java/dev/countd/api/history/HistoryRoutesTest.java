package dev.countd.api.history;

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

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class HistoryRoutesTest {

    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app();

    private Http http;

    @BeforeEach
    void client() {
        http = Http.local(APP.getLocalPort());
    }

    @Test
    void defaultAnswerIsTheLastHourAtOneMinuteWithTheChangesJustMade() {
        http.post("/counters/history.default/increment?by=3").send();
        http.post("/counters/history.default/decrement").send();

        Reply reply = http.get("/counters/history.default/history").send();

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("name").asText()).isEqualTo("history.default");
        assertThat(body.get("step").asText()).isEqualTo("1m");
        assertThat(Duration.between(Instant.parse(body.get("from").asText()), Instant.parse(body.get("to").asText())))
                .isEqualTo(Duration.ofHours(1));
        long ops = 0;
        long net = 0;
        for (JsonNode point : body.get("points")) {
            ops += point.get("ops").asLong();
            net += point.get("increments").asLong() - point.get("decrements").asLong();
        }
        assertThat(ops).isEqualTo(2);
        assertThat(net).isEqualTo(2);
        JsonNode points = body.get("points");
        assertThat(points.get(points.size() - 1).get("value").asLong()).isEqualTo(2);
    }

    @Test
    void fillPreviousAnswersEveryBucketAfterTheFirstChange() {
        http.post("/counters/history.fill/increment").send();
        Instant now = Instant.now();

        Reply reply = http.get("/counters/history.fill/history?fill=previous&from=" + now.minusSeconds(120)
                + "&to=" + now.plusSeconds(600)).send();

        JsonNode points = reply.json().get("points");
        assertThat(points.size()).isGreaterThanOrEqualTo(10);
        for (JsonNode point : points) {
            assertThat(point.get("value").asLong()).isEqualTo(1);
        }
    }

    @Test
    void deletingACounterDeletesItsHistory() {
        http.post("/counters/history.deleted/increment?by=5").send();
        http.delete("/counters/history.deleted").send();
        http.post("/counters/history.deleted/increment").send();

        JsonNode points = http.get("/counters/history.deleted/history").send().json().get("points");

        assertThat(points.size()).isEqualTo(1);
        assertThat(points.get(0).get("increments").asLong()).isEqualTo(1);
        assertThat(points.get(0).get("ops").asLong()).isEqualTo(1);
    }

    @Test
    void unknownCounterIsCounterNotFound() {
        Reply reply = http.get("/counters/history.nobody/history").send();
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.problemType()).isEqualTo("counter-not-found");
    }

    @Test
    void unknownStepIsInvalidParameter() {
        http.post("/counters/history.step/increment").send();
        Reply reply = http.get("/counters/history.step/history?step=5m").send();
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.problemType()).isEqualTo("invalid-parameter");
        assertThat(reply.json().get("detail").asText()).contains("1m, 1h, 1d");
    }

    @Test
    void fromAfterToIsInvalidParameter() {
        http.post("/counters/history.range/increment").send();
        Reply reply = http.get("/counters/history.range/history?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z").send();
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asText()).contains("must be before to");
    }

    @Test
    void tooManyBucketsForTheStepNamesTheLimit() {
        http.post("/counters/history.long/increment").send();
        Reply reply = http.get("/counters/history.long/history?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&step=1m").send();
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asText()).contains("the limit is 10080 buckets");
    }

    @Test
    void aMalformedInstantIsInvalidParameter() {
        http.post("/counters/history.instant/increment").send();
        Reply reply = http.get("/counters/history.instant/history?from=yesterday").send();
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asText()).contains("from must be an ISO-8601 instant");
    }

    @Test
    void anOffsetInstantIsAccepted() {
        http.post("/counters/history.offset/increment").send();
        Reply reply = http.get("/counters/history.offset/history?from=2026-01-01T10:00:00%2B02:00&to=2026-01-01T11:00:00%2B02:00").send();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("from").asText()).isEqualTo("2026-01-01T08:00:00Z");
    }

    @Test
    void anUnknownFillIsInvalidParameter() {
        http.post("/counters/history.badfill/increment").send();
        Reply reply = http.get("/counters/history.badfill/history?fill=zero").send();
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asText()).contains("fill must be 'previous'");
    }
}
