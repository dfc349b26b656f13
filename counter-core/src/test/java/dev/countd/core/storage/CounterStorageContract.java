package dev.countd.core.storage;

import dev.countd.core.alert.AlertEvent;
import dev.countd.core.alert.AlertEventStore;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.CounterOperation;
import dev.countd.core.counter.CounterPatch;
import dev.countd.core.counter.MutationOutcome;
import dev.countd.core.counter.OverflowPolicy;
import dev.countd.core.counter.RecordedOp;
import dev.countd.core.testing.TestCluster;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The storage behaviour every database must show; subclasses supply H2 or PostgreSQL. */
abstract class CounterStorageContract {

    abstract Jdbi jdbi();

    abstract SqlDialect dialect();

    private final CounterId id = new CounterId("tenant-a", "orders.created");

    @Test
    void mapStoreRoundTripsEveryField() {
        CounterMapStore store = new CounterMapStore(jdbi(), dialect(), CounterMapStore.StoreTimer.NONE);
        Counter counter = new Counter("tenant-a", "round.trip", -7, Long.MIN_VALUE, Long.MAX_VALUE, -3,
                OverflowPolicy.CLAMP, 42, "with \"quotes\" and ünïcode", Map.of("team", "shop", "tier", "gold"), 111, 222);
        store.store(counter.id().key(), counter);
        assertThat(store.load(counter.id().key())).isEqualTo(counter);
        Counter changed = new Counter("tenant-a", "round.trip", 8, 0, 10, 0, OverflowPolicy.REJECT, 43, "", Map.of(), 111, 333);
        store.store(changed.id().key(), changed);
        assertThat(store.load(changed.id().key())).isEqualTo(changed);
        assertThat(store.loadAllKeys()).contains(changed.id().key());
        store.delete(changed.id().key());
        assertThat(store.load(changed.id().key())).isNull();
    }

    @Test
    void loadAllFindsExactlyTheStoredKeysOverSeveralChunks() {
        CounterMapStore store = new CounterMapStore(jdbi(), dialect(), CounterMapStore.StoreTimer.NONE);
        Map<String, Counter> stored = new java.util.HashMap<>();
        List<String> names = new ArrayList<>(List.of("a:b", "with-dash", "9.starts.with.a.digit", "Load.0"));
        for (int i = 0; i < 1_100; i++) {
            names.add("load." + i);
        }
        for (String name : names) {
            Counter c = new Counter("tenant-load", name, name.length(), 0, Long.MAX_VALUE, 0, OverflowPolicy.REJECT, 1, "",
                    Map.of(), 1, 1);
            stored.put(c.id().key(), c);
        }
        store.storeAll(stored);
        List<String> asked = new ArrayList<>(stored.keySet());
        for (int i = 0; i < 50; i++) {
            asked.add(new CounterId("tenant-load", "missing." + i).key());
            asked.add(new CounterId("tenant-other", "load." + i).key()); // a stored name, in another namespace
        }

        assertThat(store.loadAll(asked)).isEqualTo(stored);
    }

    @Test
    void batchStoreAndLoadAllHandleManyNamespaces() {
        CounterMapStore store = new CounterMapStore(jdbi(), dialect(), CounterMapStore.StoreTimer.NONE);
        Map<String, Counter> batch = new java.util.HashMap<>();
        for (int i = 0; i < 1_200; i++) {
            Counter c = new Counter("ns-" + (i % 3), "c." + i, i, 0, Long.MAX_VALUE, 0, OverflowPolicy.REJECT, 1, "", Map.of(), 1, 1);
            batch.put(c.id().key(), c);
        }
        store.storeAll(batch);
        assertThat(store.loadAll(batch.keySet())).isEqualTo(batch);
        store.deleteAll(List.copyOf(batch.keySet()));
        assertThat(store.loadAll(batch.keySet())).isEmpty();
    }

    @Test
    void batchStoreWritesEveryColumnOfChangedSettingsAndNewCounters() {
        CounterMapStore store = new CounterMapStore(jdbi(), dialect(), CounterMapStore.StoreTimer.NONE);
        Map<String, Counter> first = new java.util.HashMap<>();
        for (int i = 0; i < 700; i++) { // more than one chunk of rows
            Counter c = new Counter("ns", "c." + i, i, 0, 1_000, 0, OverflowPolicy.REJECT, 1, "d", Map.of("k", "v"), 1, 1);
            first.put(c.id().key(), c);
        }
        store.storeAll(first);

        Map<String, Counter> second = new java.util.HashMap<>();
        RecordedOp op = new RecordedOp(7, 42, System.currentTimeMillis() + 3_600_000, true, MutationOutcome.UPDATED,
                false, 1, 2, 2, null);
        for (int i = 0; i < 700; i++) {
            long value = i + 1;
            // one in eight changes only its value (half of those also remember an operation and a disarmed alert);
            // each of the others changes one setting besides its value
            Counter c = switch (i % 8) {
                case 1 -> new Counter("ns", "c." + i, value, -5, 1_000, 0, OverflowPolicy.REJECT, 2, "d", Map.of("k", "v"), 1, 2);
                case 2 -> new Counter("ns", "c." + i, value, 0, 2_000, 0, OverflowPolicy.REJECT, 2, "d", Map.of("k", "v"), 1, 2);
                case 3 -> new Counter("ns", "c." + i, value, 0, 1_000, 4, OverflowPolicy.REJECT, 2, "d", Map.of("k", "v"), 1, 2);
                case 4 -> new Counter("ns", "c." + i, value, 0, 1_000, 0, OverflowPolicy.CLAMP, 2, "d", Map.of("k", "v"), 1, 2);
                case 5 -> new Counter("ns", "c." + i, value, 0, 1_000, 0, OverflowPolicy.REJECT, 2, "new", Map.of("k", "v"), 1, 2);
                case 6 -> new Counter("ns", "c." + i, value, 0, 1_000, 0, OverflowPolicy.REJECT, 2, "d", Map.of("k", "w"), 1, 2);
                case 7 -> new Counter("ns", "c." + i, value, 0, 1_000, 0, OverflowPolicy.REJECT, 2, "d", Map.of("k", "v"), 0, 2);
                default -> i % 16 == 0
                        ? new Counter("ns", "c." + i, value, 0, 1_000, 0, OverflowPolicy.REJECT, 2, "d", Map.of("k", "v"), 1, 2,
                                List.of(op), List.of("rule-1:UP"), List.of())
                        : new Counter("ns", "c." + i, value, 0, 1_000, 0, OverflowPolicy.REJECT, 2, "d", Map.of("k", "v"), 1, 2);
            };
            second.put(c.id().key(), c);
        }
        for (int i = 0; i < 300; i++) {
            Counter added = new Counter("ns", "added." + i, i, 0, 10, 0, OverflowPolicy.CLAMP, 1, "", Map.of(), 3, 3);
            second.put(added.id().key(), added);
        }
        store.storeAll(second);

        assertThat(store.loadAll(second.keySet())).isEqualTo(second);
    }

    @Test
    void concurrentStoresAllLandWithTheirOutboxEvents() {
        CounterMapStore store = new CounterMapStore(jdbi(), dialect(), CounterMapStore.StoreTimer.NONE);
        int threads = 8;
        int versions = 60;
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String name = "group." + t;
            writers.add(CompletableFuture.runAsync(() -> {
                for (int v = 1; v <= versions; v++) {
                    // every tenth version carries a crossing event, committed with its row
                    List<AlertEvent> outbox = v % 10 == 0
                            ? List.of(new AlertEvent(UUID.randomUUID().toString(), "rule-" + name, v, "UP", v - 1, v, v))
                            : List.of();
                    Counter c = new Counter("tenant-g", name, v, 0, Long.MAX_VALUE, 0, OverflowPolicy.REJECT, v, "",
                            Map.of(), 1, v, List.of(), List.of(), outbox);
                    store.store(c.id().key(), c);
                }
            }, runnable -> new Thread(runnable).start()));
        }
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).orTimeout(120, TimeUnit.SECONDS).join();

        AlertEventStore events = new AlertEventStore(jdbi());
        for (int t = 0; t < threads; t++) {
            Counter stored = store.load(new CounterId("tenant-g", "group." + t).key());
            assertThat(stored.version()).isEqualTo(versions);
            assertThat(stored.value()).isEqualTo(versions);
            assertThat(events.ofRule("rule-group." + t, 100)).hasSize(versions / 10);
        }
    }

    @Test
    void aRowTheDatabaseRefusesIsToldApartFromAnUnreachableDatabase() {
        CounterMapStore store = new CounterMapStore(jdbi(), dialect(), CounterMapStore.StoreTimer.NONE);
        Counter tooLong = new Counter("tenant-a", "too.long", 1, 0, 10, 0, OverflowPolicy.REJECT, 1, "d".repeat(1025), Map.of(), 1, 1);
        RuntimeException refused = catchRuntime(() -> store.store(tooLong.id().key(), tooLong));
        assertThat(CounterMapStore.rowRefused(refused)).as("a description too long for its column: %s", refused).isTrue();
        // in a group the failure comes out of a batch, which each driver reports its own way
        Counter good = new Counter("tenant-a", "good", 1, 0, 10, 0, OverflowPolicy.REJECT, 1, "", Map.of(), 1, 1);
        RuntimeException refusedInBatch = catchRuntime(() -> store.storeAll(Map.of(good.id().key(), good, tooLong.id().key(), tooLong)));
        assertThat(CounterMapStore.rowRefused(refusedInBatch)).as("a refused row in a batch: %s", refusedInBatch).isTrue();
        assertThat(store.load(good.id().key())).as("the batch rolled back as a whole").isNull();

        CounterMapStore nowhere = new CounterMapStore(Jdbi.create(unreachableUrl()), dialect(), CounterMapStore.StoreTimer.NONE);
        Counter fine = new Counter("tenant-a", "fine", 1, 0, 10, 0, OverflowPolicy.REJECT, 1, "", Map.of(), 1, 1);
        RuntimeException unreachable = catchRuntime(() -> nowhere.store(fine.id().key(), fine));
        assertThat(CounterMapStore.rowRefused(unreachable)).isFalse();
    }

    /** A URL of this database's kind where nothing answers. */
    abstract String unreachableUrl();

    private static RuntimeException catchRuntime(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected the store to fail");
    }

    @Test
    void writeThroughChangesSurviveAMemberRestart() {
        try (TestCluster first = new TestCluster(jdbi(), dialect(), PersistenceSettings.WRITE_THROUGH, Map.of())) {
            first.counters.mutate(id, new CounterOperation.Upsert(new CounterPatch(null, -100L, 100L, 5L, OverflowPolicy.CLAMP,
                    "orders", Map.of("k", "v"))), null);
            for (int i = 0; i < 20; i++) {
                first.counters.increment(id, 10);
            }
        }
        try (TestCluster second = new TestCluster(jdbi(), dialect(), PersistenceSettings.WRITE_THROUGH, Map.of())) {
            Counter restored = second.counters.get(id).orElseThrow();
            assertThat(restored.value()).isEqualTo(100);
            assertThat(restored.version()).isEqualTo(11);
            assertThat(restored.overflow()).isEqualTo(OverflowPolicy.CLAMP);
            assertThat(restored.labels()).containsEntry("k", "v");
        }
    }

    @Test
    void writeBehindFlushesEverythingOnGracefulShutdown() {
        PersistenceSettings writeBehind = new PersistenceSettings(PersistenceMode.WRITE_BEHIND, 5, 100);
        try (TestCluster first = new TestCluster(jdbi(), dialect(), writeBehind, Map.of())) {
            for (int i = 0; i < 50; i++) {
                first.counters.increment(new CounterId("tenant-b", "wb." + (i % 5)), 1);
            }
        }
        try (TestCluster second = new TestCluster(jdbi(), dialect(), PersistenceSettings.WRITE_THROUGH, Map.of())) {
            for (int c = 0; c < 5; c++) {
                assertThat(second.counters.get(new CounterId("tenant-b", "wb." + c)).orElseThrow().value()).isEqualTo(10);
            }
        }
    }
}
