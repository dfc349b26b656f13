package dev.countd.core.storage;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import dev.countd.core.alert.AlertEvent;
import dev.countd.core.cluster.ClusterSettings;
import dev.countd.core.cluster.CounterCluster;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterDefaults;
import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.CounterService;
import dev.countd.core.counter.MutationOutcome;
import dev.countd.core.counter.OverflowPolicy;
import dev.countd.core.counter.RecordedOp;
import dev.countd.core.testing.EmbeddedStore;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The journal's promises: an acknowledged change is readable at once and survives the process (replayed at the next
 * open), the database catches up in batches, and a journal segment goes only once the database holds its changes.
 * "A crash" here is a store abandoned without {@code close()}, its flush timer too slow to have run.
 */
class JournaledCounterStoreTest {

    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path dir;
    private Jdbi jdbi;
    private CounterMapStore database;

    @BeforeEach
    void database() {
        jdbi = EmbeddedStore.h2(dir.resolve("db"));
        database = new CounterMapStore(jdbi, SqlDialect.H2, CounterMapStore.StoreTimer.NONE);
    }

    private JournaledCounterStore opened(Duration flushInterval) {
        JournaledCounterStore store = new JournaledCounterStore(database, dir.resolve("journal"), flushInterval, 5000,
                CounterMapStore.StoreTimer.NONE);
        store.open();
        return store;
    }

    private static Counter counter(String name, long value, long version) {
        return new Counter("tenant-a", name, value, 0, Long.MAX_VALUE, 0, OverflowPolicy.REJECT, version, "", Map.of(),
                1, 1 + version);
    }

    /** A fresh UP crossing of {@code threshold} by rule-1. */
    private static AlertEvent crossing(long threshold) {
        return new AlertEvent(UUID.randomUUID().toString(), "rule-1", threshold, "UP", threshold - 1, threshold, 1234);
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
            return files.sorted().toList();
        }
    }

    @Test
    void aChangeIsReadableAtOnceAndReachesTheDatabaseWithTheFlush() {
        JournaledCounterStore store = opened(NEVER);
        Counter c = counter("a", 5, 5);
        store.store(c.id().key(), c);
        assertThat(store.load(c.id().key())).isEqualTo(c);
        assertThat(database.load(c.id().key())).as("not yet flushed").isNull();
        assertThat(store.backlog()).isEqualTo(1);
        store.flush();
        assertThat(database.load(c.id().key())).isEqualTo(c);
        assertThat(store.backlog()).isZero();
        store.close();
    }

    @Test
    void aCrashedStoresChangesAreReplayedIntoTheDatabaseAtTheNextOpen() throws IOException {
        Counter kept = counter("kept", 1, 1);
        Counter deleted = counter("deleted", 2, 2);
        database.store(deleted.id().key(), deleted);
        JournaledCounterStore crashed = opened(NEVER);
        crashed.store(kept.id().key(), kept);
        Counter newer = counter("kept", 7, 2);
        crashed.store(kept.id().key(), newer);
        crashed.delete(deleted.id().key());
        assertThat(database.load(kept.id().key())).isNull();

        JournaledCounterStore reopened = opened(NEVER);
        assertThat(database.load(kept.id().key())).as("the newest state, replayed").isEqualTo(newer);
        assertThat(database.load(deleted.id().key())).as("the deletion, replayed").isNull();
        assertThat(segments()).as("replayed segments are gone; one new one is open").hasSize(1);
        assertThat(reopened.backlog()).isZero();
        reopened.close();
    }

    @Test
    void everyFieldSurvivesTheJournalIncludingTheOutboxWhoseEventsLandInTheirTable() {
        AlertEvent event = crossing(10);
        RecordedOp op = new RecordedOp(7, 42, System.currentTimeMillis() + 3_600_000, true, MutationOutcome.UPDATED,
                false, 10, 3, 99, null);
        Counter full = new Counter("tenant-b", "full", 10, -5, 100, -1, OverflowPolicy.CLAMP, 3, "déscription",
                Map.of("team", "shop"), 11, 99, List.of(op), List.of("rule-1:UP"), List.of(event));
        JournaledCounterStore crashed = opened(NEVER);
        crashed.store(full.id().key(), full);

        opened(NEVER).close();
        Counter replayed = database.load(full.id().key());
        assertThat(replayed.value()).isEqualTo(10);
        assertThat(replayed.labels()).isEqualTo(Map.of("team", "shop"));
        assertThat(replayed.alertDisarmed()).containsExactly("rule-1:UP");
        assertThat(replayed.recentOps()).hasSize(1);
        int events = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM alert_events WHERE id = :id")
                .bind("id", event.id()).mapTo(Integer.class).one());
        assertThat(events).isEqualTo(1);
    }

    @Test
    void aTornLastRecordIsIgnoredAndEverythingBeforeItIsReplayed() throws IOException {
        JournaledCounterStore crashed = opened(NEVER);
        Counter whole = counter("whole", 3, 3);
        crashed.store(whole.id().key(), whole);
        Path segment = segments().get(segments().size() - 1);
        byte[] next = CounterJournal.encode(List.of(new CounterJournal.Entry("tenant-a/torn", counter("torn", 4, 4))));
        Files.write(segment, java.util.Arrays.copyOf(next, next.length - 3), StandardOpenOption.APPEND);

        opened(NEVER).close();
        assertThat(database.load(whole.id().key())).isEqualTo(whole);
        assertThat(database.load("tenant-a/torn")).isNull();
    }

    @Test
    void aFailedFlushKeepsEveryChangeJournaledAndTheNextFlushWritesTheNewestState() throws IOException {
        AtomicLong now = new AtomicLong(1_000);
        JournaledCounterStore store = new JournaledCounterStore(database, dir.resolve("journal"), NEVER, 5000,
                CounterMapStore.StoreTimer.NONE, now::get, Files::deleteIfExists);
        store.open();
        Counter first = counter("retried", 1, 1);
        store.store(first.id().key(), first);
        jdbi.useHandle(h -> h.execute("ALTER TABLE counters RENAME TO counters_away"));
        now.set(31_000);
        assertThatThrownBy(store::flush).isInstanceOf(RuntimeException.class);
        assertThat(store.load(first.id().key())).isEqualTo(first);
        assertThat(store.flushLag()).as("waiting since the last flush that succeeded").isEqualTo(Duration.ofSeconds(30));
        Counter second = counter("retried", 2, 2);
        store.store(second.id().key(), second);
        assertThat(segments()).as("the failed flush's segment stays").hasSize(2);
        jdbi.useHandle(h -> h.execute("ALTER TABLE counters_away RENAME TO counters"));
        store.flush();
        assertThat(database.load(first.id().key())).isEqualTo(second);
        assertThat(segments()).as("both flushed segments are deleted").hasSize(1);
        assertThat(store.flushLag()).isZero();
        store.close();
    }

    @Test
    void theKeysToLoadAreTheDatabasesWithJournaledCreationsAndDeletionsApplied() {
        Counter old = counter("old", 1, 1);
        Counter gone = counter("gone", 1, 1);
        database.storeAll(Map.of(old.id().key(), old, gone.id().key(), gone));
        JournaledCounterStore store = opened(NEVER);
        Counter fresh = counter("fresh", 1, 1);
        store.store(fresh.id().key(), fresh);
        store.delete(gone.id().key());
        assertThat(store.loadAllKeys()).containsExactlyInAnyOrder(old.id().key(), fresh.id().key());
        assertThat(store.loadAll(List.of(old.id().key(), gone.id().key(), fresh.id().key())))
                .containsOnlyKeys(old.id().key(), fresh.id().key());
        assertThat(store.load(gone.id().key())).isNull();
        store.close();
    }

    @Test
    void concurrentWritersWithFlushesInBetweenLeaveEveryNewestStateInTheDatabase() throws Exception {
        JournaledCounterStore store = opened(Duration.ofMillis(5));
        int writers = 4;
        int writes = 2_000;
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            running.add(CompletableFuture.runAsync(() -> {
                for (int i = 1; i <= writes; i++) {
                    Counter c = counter("w" + writer + ".c" + (i % 50), i, i);
                    store.store(c.id().key(), c);
                }
            }));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        store.close();
        Map<String, Counter> expected = new HashMap<>();
        for (int w = 0; w < writers; w++) {
            for (int i = writes - 49; i <= writes; i++) {
                Counter c = counter("w" + w + ".c" + (i % 50), i, i);
                expected.put(c.id().key(), c);
            }
        }
        assertThat(database.loadAll(expected.keySet())).isEqualTo(expected);
        assertThat(CounterJournal.read(dir.resolve("journal")).latest()).as("nothing left to replay").isEmpty();
    }

    @Test
    void aClosedJournalRefusesChangesInsteadOfLosingThem() {
        JournaledCounterStore store = opened(NEVER);
        store.close();
        Counter c = counter("late", 1, 1);
        assertThatThrownBy(() -> store.store(c.id().key(), c)).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aSegmentThatCannotBeDeletedKeepsEveryNewerOneSoThatReplayNeverWritesAnOlderState() throws IOException {
        Set<Path> undeletable = new HashSet<>();
        JournaledCounterStore.SegmentDeleter failing = segment -> {
            if (undeletable.contains(segment)) {
                throw new IOException("cannot delete " + segment);
            }
            Files.deleteIfExists(segment);
        };
        JournaledCounterStore crashed = new JournaledCounterStore(database, dir.resolve("journal"), NEVER, 5000,
                CounterMapStore.StoreTimer.NONE, System::currentTimeMillis, failing);
        crashed.open();
        Counter older = counter("order", 1, 1);
        crashed.store(older.id().key(), older);
        undeletable.add(segments().get(0));
        crashed.flush();
        Counter newer = counter("order", 2, 2);
        crashed.store(newer.id().key(), newer);
        crashed.flush();
        assertThat(database.load(newer.id().key())).isEqualTo(newer);
        assertThat(segments()).as("the newer segment waits for the older one").hasSize(3);

        // after the crash, replay reads both segments in order: the newest state wins
        opened(NEVER).close();
        assertThat(database.load(newer.id().key())).isEqualTo(newer);
    }

    @Test
    void aSegmentLeftByReplayHoldsBackEveryNewerOneAndTheLagShowsIt() throws IOException {
        JournaledCounterStore crashed = opened(NEVER);
        Counter older = counter("replayed", 1, 1);
        crashed.store(older.id().key(), older);
        Path leftOver = segments().get(0);
        AtomicLong now = new AtomicLong(1_000);
        JournaledCounterStore reopened = new JournaledCounterStore(database, dir.resolve("journal"), NEVER, 5000,
                CounterMapStore.StoreTimer.NONE, now::get, segment -> {
                    if (segment.equals(leftOver)) {
                        throw new IOException("busy");
                    }
                    Files.deleteIfExists(segment);
                });
        reopened.open();
        Counter newer = counter("replayed", 2, 2);
        reopened.store(newer.id().key(), newer);
        Path newerSegment = segments().get(1);
        now.set(61_000);
        reopened.flush();
        assertThat(database.load(newer.id().key())).isEqualTo(newer);
        assertThat(segments()).as("the newer segment waits for the left-over one").contains(leftOver, newerSegment);
        assertThat(reopened.flushLag()).as("not caught up while a segment cannot go").isEqualTo(Duration.ofMinutes(1));

        opened(NEVER).close(); // a crash, then a start that can delete: the newest state stays
        assertThat(database.load(newer.id().key())).isEqualTo(newer);
    }

    @Test
    void bigFlushesGoInBatchesAndARefusedRowCostsOnlyItself() {
        jdbi.useHandle(h -> h.execute("ALTER TABLE counters ADD CONSTRAINT test_refuses CHECK (counter_value <> -42)"));
        JournaledCounterStore store = new JournaledCounterStore(database, dir.resolve("journal"), NEVER, 2,
                CounterMapStore.StoreTimer.NONE);
        store.open();
        Map<String, Counter> fine = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            Counter c = counter("batch." + i, i, 1);
            fine.put(c.id().key(), c);
            store.store(c.id().key(), c);
        }
        Counter refused = new Counter("tenant-a", "batch.refused", -42, Long.MIN_VALUE, Long.MAX_VALUE, 0,
                OverflowPolicy.REJECT, 1, "", Map.of(), 1, 1);
        store.store(refused.id().key(), refused);
        store.flush();
        assertThat(database.loadAll(fine.keySet())).isEqualTo(fine);
        assertThat(database.load(refused.id().key())).isNull();
        store.close();
    }

    @Test
    void aStateThatCannotFitItsRowIsRefusedBeforeItIsAcknowledged() {
        JournaledCounterStore store = opened(NEVER);
        Counter tooLong = new Counter("tenant-a", "long", 1, 0, Long.MAX_VALUE, 0, OverflowPolicy.REJECT, 1,
                "x".repeat(1025), Map.of(), 1, 1);
        assertThatThrownBy(() -> store.store(tooLong.id().key(), tooLong)).isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("description");
        Counter manyLabels = new Counter("tenant-a", "labels", 1, 0, Long.MAX_VALUE, 0, OverflowPolicy.REJECT, 1, "",
                Map.of("k", "v".repeat(65_536)), 1, 1);
        assertThatThrownBy(() -> store.store(manyLabels.id().key(), manyLabels)).hasMessageContaining("labels");
        Counter disarmedLong = counter("disarmed", 1, 1).withAlertState(List.of("r".repeat(8_200) + ":UP"), List.of());
        assertThatThrownBy(() -> store.store(disarmedLong.id().key(), disarmedLong)).hasMessageContaining("alert state");
        assertThat(store.load(tooLong.id().key())).isNull();
        assertThat(store.backlog()).isZero();
        store.close();
    }

    @Test
    void aStateTheDatabaseRefusesIsSetAsideAndEveryOtherChangeIsWritten() throws IOException {
        jdbi.useHandle(h -> h.execute("ALTER TABLE counters ADD CONSTRAINT test_refuses CHECK (counter_value <> -42)"));
        JournaledCounterStore crashed = opened(NEVER);
        Counter refused = new Counter("tenant-a", "refused", -42, Long.MIN_VALUE, Long.MAX_VALUE, 0,
                OverflowPolicy.REJECT, 1, "", Map.of(), 1, 1);
        Counter fine = counter("fine", 1, 1);
        crashed.store(refused.id().key(), refused);
        crashed.store(fine.id().key(), fine);

        JournaledCounterStore reopened = opened(NEVER); // the replay itself meets the refusal and goes on
        assertThat(database.load(fine.id().key())).isEqualTo(fine);
        assertThat(database.load(refused.id().key())).isNull();
        Path setAside = dir.resolve("journal").resolve(JournaledCounterStore.REFUSED_FILE);
        assertThat(CounterJournal.parse(Files.readAllBytes(setAside)).get(refused.id().key()).newest().counter())
                .isEqualTo(refused);

        Counter later = counter("later", 3, 3);
        reopened.store(refused.id().key(), refused);
        reopened.store(later.id().key(), later);
        reopened.flush();
        assertThat(database.load(later.id().key())).isEqualTo(later);
        assertThat(reopened.flushLag()).isZero();
        reopened.close();
    }

    @Test
    void crossingEventsTheEntryDroppedBeforeAFlushStillReachTheirTable() {
        AlertEvent trimmed = crossing(10);
        AlertEvent ofDeleted = crossing(10);
        Counter withEvent = withCrossing("trimmed", 10, trimmed);
        Counter withoutEvent = counter("trimmed", 11, 2); // the detector dropped the event from the entry
        Counter deletedWithEvent = withCrossing("deleted", 10, ofDeleted);
        JournaledCounterStore store = opened(NEVER);
        store.store(withEvent.id().key(), withEvent);
        store.store(withoutEvent.id().key(), withoutEvent);
        store.store(deletedWithEvent.id().key(), deletedWithEvent);
        store.delete(deletedWithEvent.id().key());
        store.flush();
        assertThat(eventsStored(trimmed.id())).isEqualTo(1);
        assertThat(eventsStored(ofDeleted.id())).isEqualTo(1);
        assertThat(database.load(withoutEvent.id().key())).isEqualTo(withoutEvent);
        store.close();
    }

    @Test
    void eventsCarriedAcrossAFailedFlushStillReachTheirTable() {
        AlertEvent trimmed = crossing(10);
        JournaledCounterStore store = opened(NEVER);
        Counter withEvent = withCrossing("carried", 10, trimmed);
        store.store(withEvent.id().key(), withEvent);
        jdbi.useHandle(h -> h.execute("ALTER TABLE counters RENAME TO counters_away"));
        assertThatThrownBy(store::flush).isInstanceOf(RuntimeException.class);
        store.store(withEvent.id().key(), counter("carried", 11, 2)); // the entry dropped the event meanwhile
        jdbi.useHandle(h -> h.execute("ALTER TABLE counters_away RENAME TO counters"));
        store.flush();
        assertThat(eventsStored(trimmed.id())).isEqualTo(1);
        store.close();
    }

    @Test
    void aRefusedEventDoesNotCostItsRowAndIsSetAside() throws IOException {
        jdbi.useHandle(h -> h.execute("ALTER TABLE alert_events ADD CONSTRAINT test_refuses CHECK (threshold <> 666)"));
        AlertEvent refusedEvent = crossing(666);
        Counter withRefusedEvent = withCrossing("evented", 666, refusedEvent);
        JournaledCounterStore store = opened(NEVER);
        store.store(withRefusedEvent.id().key(), withRefusedEvent);
        store.flush();
        assertThat(database.load(withRefusedEvent.id().key()).value()).isEqualTo(666);
        assertThat(eventsStored(refusedEvent.id())).isZero();
        Path setAside = dir.resolve("journal").resolve(JournaledCounterStore.REFUSED_FILE);
        assertThat(CounterJournal.parse(Files.readAllBytes(setAside)).get(withRefusedEvent.id().key()).newest()
                .counter().outbox()).containsExactly(refusedEvent);
        store.close();
    }

    @Test
    void crossingEventsTheEntryDroppedAreReplayedAfterACrashToo() {
        AlertEvent trimmed = crossing(10);
        JournaledCounterStore crashed = opened(NEVER);
        Counter withEvent = withCrossing("trimmed", 10, trimmed);
        crashed.store(withEvent.id().key(), withEvent);
        crashed.store(withEvent.id().key(), counter("trimmed", 11, 2));

        opened(NEVER).close();
        assertThat(eventsStored(trimmed.id())).isEqualTo(1);
    }

    /** A counter at {@code value} whose entry holds {@code event} in its outbox (not yet in the events table). */
    private static Counter withCrossing(String name, long value, AlertEvent event) {
        return counter(name, value, 1).withAlertState(List.of(), List.of(event));
    }

    private int eventsStored(String eventId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM alert_events WHERE id = :id")
                .bind("id", eventId).mapTo(Integer.class).one());
    }

    @Test
    void aMemberOnTheJournalReplaysItsIncrementsAfterACrash() {
        String cluster = "journal-" + UUID.randomUUID();
        PersistenceSettings journaled = new PersistenceSettings(PersistenceMode.WRITE_THROUGH, 0, 5000, true, true);
        JournaledCounterStore crashed = new JournaledCounterStore(database, dir.resolve("journal"), NEVER, 5000,
                CounterMapStore.StoreTimer.NONE);
        HazelcastInstance first = CounterCluster.start(CounterCluster.config(ClusterSettings.standalone(cluster),
                journaled, crashed));
        CounterService counters = new CounterService(first.getMap(CounterCluster.COUNTERS_MAP), CounterDefaults.STANDARD, true);
        CounterId id = new CounterId("tenant-a", "hits");
        for (int i = 0; i < 100; i++) {
            counters.increment(id, 1);
        }
        first.getLifecycleService().terminate(); // no flush, no close: only the journal has the increments
        assertThat(database.load(id.key())).isNull();

        JournaledCounterStore next = new JournaledCounterStore(database, dir.resolve("journal"), NEVER, 5000,
                CounterMapStore.StoreTimer.NONE);
        Config config = CounterCluster.config(ClusterSettings.standalone(cluster), journaled, next);
        HazelcastInstance second = CounterCluster.start(config);
        try {
            Counter loaded = second.<String, Counter>getMap(CounterCluster.COUNTERS_MAP).get(id.key());
            assertThat(loaded.value()).isEqualTo(100);
        } finally {
            second.shutdown();
            next.close();
        }
    }
}
