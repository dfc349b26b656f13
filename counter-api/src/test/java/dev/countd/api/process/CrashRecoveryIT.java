package dev.countd.api.process;

import dev.countd.api.Http;
import dev.countd.api.TestApps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Write-through durability: a node killed with SIGKILL while clients increment comes back with
 * every acknowledged increment (and at most the few that were in flight when it died).
 */
class CrashRecoveryIT {

    private static final int CLIENTS = 4;
    private static final int COUNTERS = 10;

    /**
     * @param journal with the journal, nothing is flushed to the database before the kill (a flush interval of an
     *                hour): every acknowledged increment must come back from the journal alone
     */
    @ParameterizedTest(name = "journal {0}")
    @ValueSource(booleans = {true, false})
    void everyAcknowledgedIncrementSurvivesKillMinus9(boolean journal) throws Exception {
        Path dataDir = TestApps.freshDataDir();
        Map<String, String> env = Map.of("COUNTER_PERSISTENCE_MODE", "write-through",
                "COUNTER_PERSISTENCE_JOURNAL", String.valueOf(journal), "COUNTER_JOURNAL_FLUSH_INTERVAL", "1h");
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong attempted = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (ChildNode node = new ChildNode(dataDir, env).start()) {
            Http http = Http.local(node.port);
            List<Future<?>> futures = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                futures.add(clients.submit(() -> {
                    for (int i = 0; !stop.get() && System.nanoTime() < deadline; i++) {
                        attempted.incrementAndGet();
                        try {
                            if (http.post("/counters/crash." + ((client + i) % COUNTERS) + "/increment").send().status() == 200) {
                                acknowledged.incrementAndGet();
                            }
                        } catch (RuntimeException connectionLost) {
                            return null;
                        }
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.get() >= 2_000);
            node.kill();
            stop.set(true);
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }

        try (ChildNode restarted = new ChildNode(dataDir, env).start()) {
            Http http = Http.local(restarted.port);
            long total = 0;
            for (int c = 0; c < COUNTERS; c++) {
                total += http.get("/counters/crash." + c).send().json().path("value").asLong();
            }
            assertThat(total).as("stored total vs %s acknowledged of %s attempted", acknowledged.get(), attempted.get())
                    .isGreaterThanOrEqualTo(acknowledged.get())
                    .isLessThanOrEqualTo(acknowledged.get() + CLIENTS);
        }
    }
}
