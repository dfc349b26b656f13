package dev.countd.api.idempotency;

import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.Http.Reply;
import dev.countd.api.TestApps;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
class IdempotencyKeyTest {

    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app(ConfigOverride.config("rateLimits.defaultPlan", "bulk"));
    private Http http;

    @BeforeEach
    void client() {
        http = Http.local(APP.getLocalPort());
    }

    @Test
    void tenThousandIncrementsEachSentThreeTimesFromSixteenThreadsCountTenThousand() throws Exception {
        int threads = 16;
        int increments = 10_000;
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    // Each increment is sent, then retried twice (as a client does after a timeout);
                    // 16 threads at once interleave other keys' operations between the retries.
                    List<Integer> sends = new ArrayList<>();
                    for (int i = thread; i < increments; i += threads) {
                        sends.add(i);
                        sends.add(i);
                        sends.add(i);
                    }
                    for (int i : sends) {
                        int status = http.post("/counters/idem.hot/increment")
                                .header("Idempotency-Key", "inc-" + i).send().status();
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses.keySet()).containsOnly(200);
        assertThat(http.get("/counters/idem.hot").send().json().get("value").asLong()).isEqualTo(increments);
    }

    @Test
    void aRetryReturnsTheIdenticalResponseWithTheReplayedHeader() {
        Reply first = http.post("/counters/idem.replay/increment?by=4").header("Idempotency-Key", "k-1").send();
        http.post("/counters/idem.replay/increment").send();
        Reply retry = http.post("/counters/idem.replay/increment?by=4").header("Idempotency-Key", "k-1").send();
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.status()).isEqualTo(first.status());
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(http.get("/counters/idem.replay").send().json().get("value").asLong()).isEqualTo(5);
    }

    @Test
    void aReplayedPutAnswers201AgainWithTheSameBody() {
        Reply first = http.put("/counters/idem.put").header("Idempotency-Key", "create-1").json("{\"max\":10}");
        Reply retry = http.put("/counters/idem.put").header("Idempotency-Key", "create-1").json("{\"max\":10}");
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
    }

    @Test
    void theSameKeyWithADifferentBodyOrPathIs422AndChangesNothing() {
        http.post("/counters/idem.reuse/increment?by=1").header("Idempotency-Key", "reused").send();
        Reply otherAmount = http.post("/counters/idem.reuse/increment?by=2").header("Idempotency-Key", "reused").send();
        Reply otherRoute = http.post("/counters/idem.reuse/decrement?by=1").header("Idempotency-Key", "reused").send();
        assertThat(otherAmount.status()).isEqualTo(422);
        assertThat(otherAmount.problemType()).isEqualTo("idempotency-key-reused");
        assertThat(otherRoute.status()).isEqualTo(422);
        assertThat(http.get("/counters/idem.reuse").send().json().get("value").asLong()).isEqualTo(1);
    }

    @Test
    void aRefusedRequestReplaysItsProblem() {
        http.put("/counters/idem.refused").json("{\"max\":3,\"value\":3}");
        Reply first = http.post("/counters/idem.refused/increment").header("Idempotency-Key", "over").send();
        http.put("/counters/idem.refused").json("{\"value\":0}");
        Reply retry = http.post("/counters/idem.refused/increment").header("Idempotency-Key", "over").send();
        assertThat(first.status()).isEqualTo(409);
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(http.get("/counters/idem.refused").send().json().get("value").asLong()).isZero();
    }

    @Test
    void malformedKeysAre400() {
        Reply tooLong = http.post("/counters/idem.bad/increment").header("Idempotency-Key", "x".repeat(256)).send();
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.problemType()).isEqualTo("invalid-header");
        assertThat(http.get("/counters/idem.bad").send().status()).isEqualTo(404);
    }
}
