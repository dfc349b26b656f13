package dev.countd.core.bench;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapStore;
import dev.countd.core.cluster.ClusterSettings;
import dev.countd.core.cluster.CounterCluster;
import dev.countd.core.cluster.CounterCodec;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterDefaults;
import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.MutationOutcome;
import dev.countd.core.counter.RecordedOp;
import dev.countd.core.storage.PersistenceSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import dev.countd.core.counter.CounterPage;
import dev.countd.core.counter.CounterService;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.function.Supplier;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Heap per counter: starts {@code backupCount + 1} members in this JVM with the real
 * {@link CounterCluster#config} (over a MapStore that stores nothing, so only the IMap is measured),
 * measures used heap after GC, puts {@code count} counters with default settings and names like
 * {@code counter-0000001} (namespace {@code default}), and measures again. Prints bytes per counter for
 * the whole cluster (primaries plus backups), which is what a member of an N-member cluster holds per
 * counter it owns; and per stored copy (divided by the number of copies, backupCount + 1). Then it times
 * listing pages ({@link CounterService#list}, a key scan of the whole map) at that size, and prints the
 * serialized size of a default counter's key and value.
 * <p>With {@code -DengineFloor=true} it measures the engine's own floor instead: the same keys in a map with the
 * counters map's settings (format, backups, no index) but a {@code Long} as the value and no MapStore, the least
 * one IMap entry per counter can cost on this engine.
 * <pre>
 * java -Xmx4g [-Dhistogram=true] [-DlistRounds=20] [-DrememberedOps=64] [-DcounterFormat=1] [-DengineFloor=true] -cp ... \
 *     dev.countd.core.bench.HeapPerCounter [count=1000000] [backupCount=1]
 * </pre>
 */
public final class HeapPerCounter {

    private static final int REMEMBERED_OPS = Integer.getInteger("rememberedOps", 0);
    private static final int COUNTER_FORMAT = Integer.getInteger("counterFormat", CounterCodec.VERSION);
    private static final boolean ENGINE_FLOOR = Boolean.getBoolean("engineFloor");
    private static final String ENGINE_FLOOR_MAP = "engine-floor";

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
                    false, ClusterSettings.KubernetesDiscovery.OFF, backupCount, 1, COUNTER_FORMAT);
            Config config = CounterCluster.config(settings, PersistenceSettings.WRITE_THROUGH, new NothingStored());
            config.addMapConfig(new MapConfig(config.getMapConfig(CounterCluster.COUNTERS_MAP)).setName(ENGINE_FLOOR_MAP)
                    .setMapStoreConfig(new MapStoreConfig().setEnabled(false)));
            members.add(CounterCluster.start(config));
        }
        if (ENGINE_FLOOR) {
            measureEngineFloor(members.get(0).getMap(ENGINE_FLOOR_MAP), count, backupCount);
            members.forEach(HazelcastInstance::shutdown);
            return;
        }
        IMap<String, Counter> map = members.get(0).getMap(CounterCluster.COUNTERS_MAP);
        long before = usedAfterGc();
        long now = System.currentTimeMillis();
        Map<String, Counter> chunk = new HashMap<>();
        for (int i = 1; i <= count; i++) {
            CounterId id = new CounterId("default", String.format("counter-%07d", i));
            chunk.put(id.key(), busy(Counter.create(id, CounterDefaults.STANDARD, now), now));
            if (chunk.size() == 10_000 || i == count) {
                map.putAll(chunk);
                chunk.clear();
            }
        }
        long after = usedAfterGc();
        System.out.printf("members %d, backup-count %d, counters %d (map size %d), remembered server ids per counter %d, "
                + "counter format %d%n", members.size(), backupCount, count, map.size(), REMEMBERED_OPS, COUNTER_FORMAT);
        System.out.printf("heap used after GC: before %.1f MiB, after %.1f MiB%n", before / 1048576.0, after / 1048576.0);
        System.out.printf("HEAP_PER_COUNTER backupCount=%d bytes=%.0f (all members / counters); per stored copy %.0f%n",
                backupCount, (after - before) / (double) count, (after - before) / (double) count / (backupCount + 1));
        printSerializedSizes(members.get(0), now);
        if (Boolean.getBoolean("histogram")) {
            printHistogram();
        }
        timeListing(new CounterService(map, CounterDefaults.STANDARD, true), count);
        members.forEach(HazelcastInstance::shutdown);
    }

    /** The same keys with a {@code Long} 0 as the value: what the engine itself holds per entry. */
    private static void measureEngineFloor(IMap<String, Long> map, int count, int backupCount) throws InterruptedException {
        long before = usedAfterGc();
        Map<String, Long> chunk = new HashMap<>();
        for (int i = 1; i <= count; i++) {
            chunk.put(new CounterId("default", String.format("counter-%07d", i)).key(), 0L);
            if (chunk.size() == 10_000 || i == count) {
                map.putAll(chunk);
                chunk.clear();
            }
        }
        long after = usedAfterGc();
        System.out.printf("members %d, backup-count %d, engine floor: %d String keys with a Long value (map size %d)%n",
                backupCount + 1, backupCount, count, map.size());
        System.out.printf("heap used after GC: before %.1f MiB, after %.1f MiB%n", before / 1048576.0, after / 1048576.0);
        System.out.printf("HEAP_ENGINE_FLOOR backupCount=%d bytes=%.0f (all members / entries); per stored copy %.0f%n",
                backupCount, (after - before) / (double) count, (after - before) / (double) count / (backupCount + 1));
    }

    /**
     * With -DrememberedOps=N: the counter as a busy one holds it, N increments of 1 in the last minute, each
     * remembered under a random server-generated id by one member (the default keeps at most 64 of a member's
     * own; more only for two minutes after the counter changed owner).
     */
    private static Counter busy(Counter counter, long now) {
        if (REMEMBERED_OPS == 0) {
            return counter;
        }
        List<RecordedOp> ops = new ArrayList<>(REMEMBERED_OPS);
        long spacing = 60_000 / REMEMBERED_OPS;
        for (int i = 0; i < REMEMBERED_OPS; i++) {
            long at = now - (REMEMBERED_OPS - 1 - i) * spacing;
            ops.add(new RecordedOp(ThreadLocalRandom.current().nextLong(), 0, at + 60_000, false, MutationOutcome.UPDATED,
                    false, i + 1, i + 1, at, null, 0x600DF00D));
        }
        return new Counter(counter.namespace(), counter.name(), REMEMBERED_OPS, counter.min(), counter.max(),
                counter.initial(), counter.overflow(), REMEMBERED_OPS, "", Map.of(), now - 60_000, now, ops);
    }

    /** Listing pages at this size: first page, a page from a cursor in the middle, a prefix page, a miss. */
    private static void timeListing(CounterService service, int count) {
        String middle = String.format("counter-%07d", count / 2);
        String cursor = service.list("default", middle.substring(0, middle.length() - 1), 1, null).nextCursor();
        Map<String, Supplier<CounterPage>> pages = new LinkedHashMap<>();
        pages.put("first page, limit 100", () -> service.list("default", "", 100, null));
        pages.put("first page, limit 1000", () -> service.list("default", "", 1000, null));
        pages.put("from a cursor in the middle, limit 100", () -> service.list("default", "", 100, cursor));
        pages.put("prefix counter-00012, limit 100", () -> service.list("default", "counter-00012", 100, null));
        pages.put("other namespace (empty), limit 100", () -> service.list("empty", "", 100, null));
        int rounds = Integer.getInteger("listRounds", 20);
        for (Map.Entry<String, Supplier<CounterPage>> page : pages.entrySet()) {
            long[] millis = new long[rounds];
            long[] cpuMillis = new long[rounds];
            int items = 0;
            for (int i = 0; i < rounds; i++) {
                long cpu = cpu();
                long start = System.nanoTime();
                items = page.getValue().get().items().size();
                millis[i] = (System.nanoTime() - start) / 1_000_000;
                cpuMillis[i] = (cpu() - cpu) / 1_000_000;
            }
            long first = millis[0];
            Arrays.sort(millis);
            Arrays.sort(cpuMillis);
            // CPU time of the whole process (all members' scan threads) says more than wall time on a shared machine
            System.out.printf("LIST %s: %d items; first call %d ms, then median %d ms, max %d ms; CPU median %d ms "
                            + "(%d calls, %d counters)%n", page.getKey(), items, first, millis[rounds / 2], millis[rounds - 1],
                    cpuMillis[rounds / 2], rounds, count);
        }
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void printSerializedSizes(HazelcastInstance member, long now) {
        SerializationService serialization = ((SerializationServiceSupport) member).getSerializationService();
        CounterId id = new CounterId("default", "counter-0000001");
        Data key = serialization.toData(id.key());
        Data value = serialization.toData(Counter.create(id, CounterDefaults.STANDARD, now));
        System.out.printf("serialized: key %s %d bytes, default counter value %d bytes (payload incl. 8-byte header)%n",
                id.key(), key.totalSize(), value.totalSize());
        if (REMEMBERED_OPS > 0) {
            Data busy = serialization.toData(busy(Counter.create(id, CounterDefaults.STANDARD, now), now));
            System.out.printf("serialized: a counter remembering %d server ids %d bytes in format %d%n", REMEMBERED_OPS,
                    busy.totalSize(), COUNTER_FORMAT);
        }
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
