package dev.countd.core.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.CounterOperation;
import dev.countd.core.storage.PersistenceMode;
import dev.countd.core.storage.PersistenceSettings;
import dev.countd.core.storage.SqlDialect;
import dev.countd.core.testing.EmbeddedStore;
import dev.countd.core.testing.TestCluster;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one increment costs in the core alone, without HTTP: {@code threads} callers (as many as the HTTP
 * load's connections) call {@code CounterService.mutate} on counters chosen at random, on one embedded member
 * with the real cluster config and the H2 MapStore (write-behind by default). Prints increments/s and the
 * process's CPU per increment, to set beside the service's CPU per HTTP request (bench/cpu-per-request.sh):
 * the difference is what HTTP, auth, rate limit, metrics and logging cost. A benchmark main, not a test:
 * {@code bench/benchmarks.sh core}.
 */
public final class IncrementCost {

    public static void main(String[] args) throws IOException, InterruptedException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int counters = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int warmUpSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        PersistenceMode mode = PersistenceMode.valueOf(System.getProperty("mode", "WRITE_BEHIND").toUpperCase().replace('-', '_'));
        Path dir = Files.createTempDirectory("increment-cost");
        Jdbi jdbi = EmbeddedStore.h2(dir);
        // H2 closes a database with its last connection; the service's pool keeps connections, so one stays open
        try (Handle keepsTheDatabaseOpen = jdbi.open();
             TestCluster cluster = new TestCluster(jdbi, SqlDialect.H2, new PersistenceSettings(mode, 1, 500), Map.of())) {
            List<CounterId> ids = new ArrayList<>(counters);
            for (int i = 0; i < counters; i++) {
                ids.add(new CounterId("default", "bench-" + i));
            }
            run(cluster, ids, threads, warmUpSeconds); // the JIT settles; every counter exists afterwards
            Result result = run(cluster, ids, threads, seconds);
            System.out.printf("INCREMENT_COST mode=%s threads=%d counters=%d: %.0f increments/s, %.1f us of process CPU per increment,"
                    + " %d failed calls%n", mode, threads, counters, result.perSecond(seconds), result.cpuMicrosPerOp(), result.failures());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private record Result(long ops, long failures, long cpuNanos) {
        double perSecond(int seconds) {
            return ops / (double) seconds;
        }

        double cpuMicrosPerOp() {
            return cpuNanos / 1000.0 / ops;
        }
    }

    private static Result run(TestCluster cluster, List<CounterId> ids, int threads, int seconds) throws InterruptedException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        LongAdder ops = new LongAdder();
        LongAdder failures = new LongAdder();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long cpuBefore = os.getProcessCpuTime();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread caller = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) { // bounded in time
                    try {
                        cluster.counters.mutate(ids.get(random.nextInt(ids.size())), new CounterOperation.Increment(1), null);
                        ops.increment();
                    } catch (RuntimeException e) { // counted and printed: a figure with failures is not a cost figure
                        failures.increment();
                    }
                }
            }, "caller-" + t);
            callers.add(caller);
            caller.start();
        }
        for (Thread caller : callers) {
            caller.join();
        }
        return new Result(ops.sum(), failures.sum(), os.getProcessCpuTime() - cpuBefore);
    }
}
