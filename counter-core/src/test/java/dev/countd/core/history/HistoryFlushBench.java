package dev.countd.core.history;

import dev.countd.core.counter.CounterChangeListener;
import dev.countd.core.counter.CounterId;
import dev.countd.core.storage.PersistenceMode;
import dev.countd.core.storage.PersistenceSettings;
import dev.countd.core.storage.SqlDialect;
import dev.countd.core.testing.EmbeddedStore;
import dev.countd.core.testing.TestCluster;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Increments per second through the entry processor with history off and on (recorder plus the flusher at its
 * default 5 s interval), on one in-process member over embedded H2. Not a test: run with
 * {@code bench/history-flush.sh [write-through|write-behind] [seconds] [threads] [counters]}.
 */
public final class HistoryFlushBench {

    public static void main(String[] args) throws Exception {
        PersistenceMode mode = PersistenceMode.parse(args.length > 0 ? args[0] : "write-behind");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int counters = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        PersistenceSettings persistence = mode == PersistenceMode.WRITE_THROUGH ? PersistenceSettings.WRITE_THROUGH
                : new PersistenceSettings(PersistenceMode.WRITE_BEHIND, 1, 500);
        for (int round = 1; round <= 2; round++) {
            for (boolean history : new boolean[] {false, true}) {
                double rate = measure(persistence, history, seconds, threads, counters);
                System.out.printf("%s, %d threads, %d counters, round %d: history %-3s %,10.0f increments/s%n",
                        mode, threads, counters, round, history ? "on" : "off", rate);
            }
        }
    }

    private static double measure(PersistenceSettings persistence, boolean history, int seconds, int threads, int counters)
            throws Exception {
        Jdbi jdbi = EmbeddedStore.h2(Files.createTempDirectory("countd-flush-bench"));
        HistoryRecorder recorder = new HistoryRecorder();
        HistoryStore store = new HistoryStore(jdbi, SqlDialect.H2);
        HistorySettings settings = HistorySettings.DEFAULTS;
        Map<String, Object> context = history ? Map.of(CounterChangeListener.USER_CONTEXT_KEY, recorder) : Map.of();
        try (TestCluster cluster = new TestCluster(jdbi, SqlDialect.H2, persistence, context);
             HistoryJobs jobs = new HistoryJobs(new HistoryFlusher(recorder, store), new HistoryRollup(store, settings),
                     settings, () -> false)) {
            if (history) {
                jobs.start();
            }
            run(cluster, threads, counters, Duration.ofSeconds(3)); // warm-up
            long started = System.nanoTime();
            long ops = run(cluster, threads, counters, Duration.ofSeconds(seconds));
            return ops / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static long run(TestCluster cluster, int threads, int counters, Duration duration) throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Long>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                long ops = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                    cluster.counters.increment(new CounterId("default", "bench." + random.nextInt(counters)), 1);
                    ops++;
                }
                return ops;
            }));
        }
        long total = 0;
        for (Future<Long> result : results) {
            total += result.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return total;
    }
}
