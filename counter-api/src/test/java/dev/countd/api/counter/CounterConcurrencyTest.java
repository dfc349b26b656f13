package dev.countd.api.counter;

import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
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
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** Many HTTP clients at once: no lost update, and bounds hold exactly under races. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CounterConcurrencyTest {

    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app(ConfigOverride.config("rateLimits.defaultPlan", "bulk"));
    private static final int THREADS = 8;
    private static final int PER_THREAD = 5_000;

    private Http http() {
        return Http.local(APP.getLocalPort());
    }

    @Test
    void eightThreadsIncrementingOneCounterLoseNothing() throws Exception {
        Map<Integer, Integer> statuses = run(THREADS, PER_THREAD, i -> "/counters/conc.one/increment");
        assertThat(statuses).containsOnlyKeys(200);
        assertThat(http().get("/counters/conc.one").send().json().get("value").asLong()).isEqualTo((long) THREADS * PER_THREAD);
    }

    @Test
    void eightThreadsSpreadOverAHundredCountersLoseNothing() throws Exception {
        Map<Integer, Integer> statuses = run(THREADS, PER_THREAD, i -> "/counters/conc.many." + (i % 100) + "/increment");
        assertThat(statuses).containsOnlyKeys(200);
        long total = 0;
        for (int c = 0; c < 100; c++) {
            long value = http().get("/counters/conc.many." + c).send().json().get("value").asLong();
            assertThat(value).isEqualTo((long) THREADS * PER_THREAD / 100);
            total += value;
        }
        assertThat(total).isEqualTo((long) THREADS * PER_THREAD);
    }

    @Test
    void aCounterAtMaxMinusOneAcceptsExactlyOneOfAHundredConcurrentIncrements() throws Exception {
        http().put("/counters/conc.top").json("{\"max\":1000,\"value\":999}");
        Map<Integer, Integer> statuses = run(100, 1, i -> "/counters/conc.top/increment");
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(200, 1, 409, 99));
        assertThat(http().get("/counters/conc.top").send().json().get("value").asLong()).isEqualTo(1000);
    }

    @Test
    void aCounterAtMinPlusOneAcceptsExactlyOneOfAHundredConcurrentDecrements() throws Exception {
        http().put("/counters/conc.bottom").json("{\"min\":-50,\"value\":-49}");
        Map<Integer, Integer> statuses = run(100, 1, i -> "/counters/conc.bottom/decrement");
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(200, 1, 409, 99));
        assertThat(http().get("/counters/conc.bottom").send().json().get("value").asLong()).isEqualTo(-50);
    }

    /** Runs {@code threads} clients that start together; returns how often each status was answered. */
    private Map<Integer, Integer> run(int threads, int perThread, IntFunction<String> path) throws Exception {
        Map<Integer, AtomicInteger> counts = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    Http client = http();
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        int status = client.post(path.apply(thread * perThread + i)).send().status();
                        counts.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        Map<Integer, Integer> result = new java.util.TreeMap<>();
        counts.forEach((status, n) -> result.put(status, n.get()));
        return result;
    }
}
