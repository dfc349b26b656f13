package dev.countd.core.history;

import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.CounterChangeListener;
import dev.countd.core.counter.CounterOperation;
import dev.countd.core.counter.CounterPatch;
import dev.countd.core.counter.OverflowPolicy;
import dev.countd.core.storage.PersistenceMode;
import dev.countd.core.storage.PersistenceSettings;
import dev.countd.core.storage.SqlDialect;
import dev.countd.core.testing.EmbeddedStore;
import dev.countd.core.testing.TestCluster;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The history of real entry-processor changes, recorded and flushed while they happen. */
class HistoryInvariantTest {

    @TempDir
    Path dir;

    @Test
    void concurrentIncrementsAndDecrementsKeepTheInvariantAndCountEveryAppliedOp() throws Exception {
        Jdbi jdbi = EmbeddedStore.h2(dir);
        HistoryRecorder recorder = new HistoryRecorder();
        HistoryStore store = new HistoryStore(jdbi, SqlDialect.H2);
        HistoryFlusher flusher = new HistoryFlusher(recorder, store);
        CounterId id = new CounterId("default", "busy");
        long start = System.currentTimeMillis();
        long applied;
        long finalValue;
        // Write-behind: the single hot key would otherwise wait for one database commit per change.
        try (TestCluster cluster = new TestCluster(jdbi, SqlDialect.H2,
                new PersistenceSettings(PersistenceMode.WRITE_BEHIND, 1, 500),
                Map.of(CounterChangeListener.USER_CONTEXT_KEY, recorder))) {
            // CLAMP between -300 and 300: many changes are clamped, so real deltas differ from the requested ones.
            cluster.counters.mutate(id, new CounterOperation.Upsert(new CounterPatch(0L, -300L, 300L, 0L,
                    OverflowPolicy.CLAMP, null, null)), null);
            ScheduledExecutorService flushing = Executors.newSingleThreadScheduledExecutor();
            flushing.scheduleWithFixedDelay(flusher, 1, 1, TimeUnit.MILLISECONDS);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                writers.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < 1_000; i++) {
                        long by = 1 + random.nextInt(40);
                        CounterOperation op = random.nextBoolean() ? new CounterOperation.Increment(by)
                                : new CounterOperation.Decrement(by);
                        cluster.counters.mutate(id, op, null);
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
            flushing.shutdown();
            assertThat(flushing.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            pool.shutdown();
            flusher.flush();
            // Every stored change adds one to the version (a clamp that leaves the value alone stores nothing).
            applied = cluster.counters.get(id).orElseThrow().version();
            finalValue = cluster.counters.get(id).orElseThrow().value();
        }

        List<HistoryBucket> points = new HistoryService(store, new HistoryRecorder())
                .query(id, HistoryStep.MINUTE, start - 60_000, System.currentTimeMillis() + 60_000, false).points();
        assertThat(points.stream().mapToLong(HistoryBucket::ops).sum()).isEqualTo(applied);
        assertThat(points.stream().mapToLong(p -> p.increments() - p.decrements()).sum()).isEqualTo(finalValue);
        assertThat(points.get(points.size() - 1).value()).isEqualTo(finalValue);
        for (int i = 1; i < points.size(); i++) {
            HistoryBucket point = points.get(i);
            assertThat(point.value()).isEqualTo(points.get(i - 1).value() + point.increments() - point.decrements());
        }
    }

    @Test
    void setsAndResetsCountAsTheirRealDelta() {
        Jdbi jdbi = EmbeddedStore.h2(dir);
        HistoryRecorder recorder = new HistoryRecorder();
        CounterId id = new CounterId("default", "stock");
        try (TestCluster cluster = cluster(jdbi, recorder)) {
            cluster.counters.mutate(id, new CounterOperation.Upsert(new CounterPatch(100L, null, null, 10L, null, null, null)), null);
            cluster.counters.mutate(id, new CounterOperation.Upsert(CounterPatch.setValue(40)), null);
            cluster.counters.increment(id, 5);
            cluster.counters.mutate(id, new CounterOperation.Reset(), null);
        }

        PendingHistory pending = recorder.pending(id).orElseThrow();
        long increments = pending.minutes().stream().mapToLong(HistoryBucket::increments).sum();
        long decrements = pending.minutes().stream().mapToLong(HistoryBucket::decrements).sum();
        // created at 100 (+100), set to 40 (-60), +5, reset to 10 (-35)
        assertThat(increments).isEqualTo(105);
        assertThat(decrements).isEqualTo(95);
    }

    @Test
    void flushedHistorySurvivesARestart() {
        CounterId id = new CounterId("default", "kept");
        HistoryRecorder recorder = new HistoryRecorder();
        Jdbi jdbi = EmbeddedStore.h2(dir);
        long start = System.currentTimeMillis();
        try (TestCluster cluster = cluster(jdbi, recorder)) {
            cluster.counters.increment(id, 7);
            cluster.counters.decrement(id, 2);
            new HistoryFlusher(recorder, new HistoryStore(jdbi, SqlDialect.H2)).flush();
        }
        HistoryService afterRestart = new HistoryService(new HistoryStore(EmbeddedStore.h2(dir), SqlDialect.H2),
                new HistoryRecorder());

        List<HistoryBucket> points = afterRestart.query(id, HistoryStep.MINUTE, start - 60_000,
                System.currentTimeMillis() + 60_000, false).points();

        assertThat(points.stream().mapToLong(HistoryBucket::ops).sum()).isEqualTo(2);
        assertThat(points.get(points.size() - 1).value()).isEqualTo(5);
    }

    private static TestCluster cluster(Jdbi jdbi, CounterChangeListener listener) {
        return new TestCluster(jdbi, SqlDialect.H2, PersistenceSettings.WRITE_THROUGH,
                Map.of(CounterChangeListener.USER_CONTEXT_KEY, listener));
    }
}
