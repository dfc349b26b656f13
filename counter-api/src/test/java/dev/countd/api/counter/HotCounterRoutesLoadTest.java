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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients at once on the lean path of a server with few request threads: more increments wait for
 * their counters than {@link HotCounterRoutes}' in-flight limit (the server's {@code maxThreads}), so some
 * request threads wait for theirs too. Every increment is answered 200 once and counted once.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HotCounterRoutesLoadTest {

    private static final int MAX_THREADS = 16;
    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app(
            ConfigOverride.config("server.maxThreads", Integer.toString(MAX_THREADS)),
            ConfigOverride.config("server.minThreads", Integer.toString(MAX_THREADS)),
            // 1,600 increments in about a second: more than the admin key's plan allows; limits are not the subject here
            ConfigOverride.config("rateLimits.enabled", "false"));

    @Test
    void everyConcurrentIncrementIsAnsweredAndCountedOnce() throws Exception {
        int clients = 4 * MAX_THREADS;
        int each = 25;
        long servedBefore = APP.getEnvironment().metrics().meter(HotCounterRoutes.SERVED_METER).getCount();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Integer>>> statuses = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String counter = "/counters/load.c" + (c % 4) + "/increment";
                statuses.add(pool.submit(() -> {
                    Http http = Http.local(APP.getLocalPort());
                    List<Integer> answered = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        answered.add(http.post(counter).header("Accept", "application/json").send().status());
                    }
                    return answered;
                }));
            }
            for (Future<List<Integer>> client : statuses) {
                assertThat(client.get()).hasSize(each).containsOnly(200);
            }
        } finally {
            pool.shutdownNow();
        }

        Http http = Http.local(APP.getLocalPort());
        long total = 0;
        for (int c = 0; c < 4; c++) {
            total += http.get("/counters/load.c" + c).send().json().get("value").asLong();
        }
        assertThat(total).isEqualTo((long) clients * each);
        assertThat(APP.getEnvironment().metrics().meter(HotCounterRoutes.SERVED_METER).getCount() - servedBefore)
                .isEqualTo((long) clients * each);
    }
}
