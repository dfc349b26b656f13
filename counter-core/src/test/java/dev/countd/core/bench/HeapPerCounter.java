package dev.countd.core.bench;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapStore;
import dev.countd.core.cluster.ClusterSettings;
import dev.countd.core.cluster.CounterCluster;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterDefaults;
import dev.countd.core.counter.CounterId;
import dev.countd.core.storage.PersistenceSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Heap per counter: starts {@code backupCount + 1} members in this JVM with the real
 * {@link CounterCluster#config} (over a MapStore that stores nothing, so only the IMap is measured),
 * measures used heap after GC, puts {@code count} counters with default settings and names like
 * {@code counter-0000001} (namespace {@code default}), and measures again. Prints bytes per counter for
 * the whole cluster (primaries plus backups), which is what a member of an N-member cluster holds per
 * counter it owns.
 * <pre>
 * java -Xmx4g [-Dhistogram=true] [-DwithoutKeyIndex=true] -cp ... dev.countd.core.bench.HeapPerCounter [count=1000000] [backupCount=1]
 * </pre>
 */
public final class HeapPerCounter {

    private HeapPerCounter() {
    }

    public static void main(String[] args) throws InterruptedException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int backupCount = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        String clusterName = "heap-bench-" + UUID.randomUUID();
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i <= backupCount; i++) {
            addresses.add("127.0.0.1:" + (5901 + i));
        }
        List<HazelcastInstance> members = new ArrayList<>();
        for (int i = 0; i <= backupCount; i++) {
            ClusterSettings settings = new ClusterSettings(clusterName, "127.0.0.1", 5901, backupCount == 0 ? List.of() : addresses,
                    false, backupCount);
            Config config = CounterCluster.config(settings, PersistenceSettings.WRITE_THROUGH, new NothingStored());
            if (Boolean.getBoolean("withoutKeyIndex")) {
                // What-if only: the sorted __key index that paged listing uses.
                config.getMapConfig(CounterCluster.COUNTERS_MAP).getIndexConfigs().clear();
            }
            members.add(CounterCluster.start(config));
        }
        IMap<String, Counter> map = members.get(0).getMap(CounterCluster.COUNTERS_MAP);
        long before = usedAfterGc();
        long now = System.currentTimeMillis();
        Map<String, Counter> chunk = new HashMap<>();
        for (int i = 1; i <= count; i++) {
            CounterId id = new CounterId("default", String.format("counter-%07d", i));
            chunk.put(id.key(), Counter.create(id, CounterDefaults.STANDARD, now));
            if (chunk.size() == 10_000 || i == count) {
                map.putAll(chunk);
                chunk.clear();
            }
        }
        long after = usedAfterGc();
        System.out.printf("members %d, backup-count %d, counters %d (map size %d)%s%n", members.size(), backupCount, count,
                map.size(), Boolean.getBoolean("withoutKeyIndex") ? ", WITHOUT the __key index (what-if)" : "");
        System.out.printf("heap used after GC: before %.1f MiB, after %.1f MiB%n", before / 1048576.0, after / 1048576.0);
        System.out.printf("HEAP_PER_COUNTER backupCount=%d bytes=%.0f%n", backupCount, (after - before) / (double) count);
        if (Boolean.getBoolean("histogram")) {
            printHistogram();
        }
        members.forEach(HazelcastInstance::shutdown);
    }

    /** With -Dhistogram=true: the top of the live-object histogram (what the bytes are). */
    private static void printHistogram() {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(ProcessHandle.current().pid()), "GC.class_histogram").redirectErrorStream(true).start();
            try (BufferedReader lines = jcmd.inputReader()) {
                lines.lines().limit(30).forEach(System.out::println);
            }
            jcmd.waitFor();
        } catch (IOException e) {
            System.out.println("no histogram: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(300); // the pause is the point: let the collector and reference processing settle between GCs
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** Keeps nothing: the benchmark measures the IMap alone. */
    private static final class NothingStored implements MapStore<String, Counter> {
        @Override
        public void store(String key, Counter value) {
        }

        @Override
        public void storeAll(Map<String, Counter> map) {
        }

        @Override
        public void delete(String key) {
        }

        @Override
        public void deleteAll(Collection<String> keys) {
        }

        @Override
        public Counter load(String key) {
            return null;
        }

        @Override
        public Map<String, Counter> loadAll(Collection<String> keys) {
            return Map.of();
        }

        @Override
        public Iterable<String> loadAllKeys() {
            return Set.of();
        }
    }
}
