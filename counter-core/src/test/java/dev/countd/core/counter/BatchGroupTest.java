package dev.countd.core.counter;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.countd.core.cluster.ClusterSettings;
import dev.countd.core.cluster.CounterCodec;
import dev.countd.core.cluster.CounterCluster;
import dev.countd.core.storage.CounterMapStore;
import dev.countd.core.storage.PersistenceMode;
import dev.countd.core.storage.PersistenceSettings;
import dev.countd.core.storage.SqlDialect;
import dev.countd.core.testing.EmbeddedStore;
import dev.countd.core.testing.LoopbackCluster;
import dev.countd.core.testing.TestCluster;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch's operations on one counter: one execution, each decided on its own, remembered once. */
class BatchGroupTest {

    @TempDir
    Path dir;

    private static final CounterId HOT = new CounterId("default", "hot.views");

    private static CounterService service(HazelcastInstance member) {
        return new CounterService(member.getMap(CounterCluster.COUNTERS_MAP), CounterDefaults.STANDARD, true,
                IdempotencyPolicy.STANDARD, member.getPartitionService(), CounterWriteGuard.OPEN);
    }

    private static IMap<String, Counter> map(TestCluster cluster) {
        return cluster.instance.getMap(CounterCluster.COUNTERS_MAP);
    }

    private static List<BatchItem> increments(CounterId id, int count, long by, OperationId first) {
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            OperationId op = first == null ? null : new OperationId(first.id() + i, first.requestHash(), first.clientKey());
            items.add(new BatchItem(id, new CounterOperation.Increment(by), op));
        }
        return items;
    }

    private TestCluster cluster(Map<String, Object> userContext) {
        return new TestCluster(EmbeddedStore.h2(dir), SqlDialect.H2, PersistenceSettings.WRITE_THROUGH, userContext);
    }

    @Test
    void aHundredIncrementsOfOneCounterAnswerEachOpInOneExecution() {
        List<CounterChange> changes = new CopyOnWriteArrayList<>();
        try (TestCluster cluster = cluster(Map.of(CounterChangeListener.USER_CONTEXT_KEY, (CounterChangeListener) changes::add))) {
            List<MutationResult> results = service(cluster.instance).applyBatch(increments(HOT, 100, 2, null));

            assertThat(results).extracting(r -> r.counter().value())
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 100).mapToObj(i -> 2L * i).toList());
            assertThat(results).extracting(r -> r.counter().version())
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 100).mapToObj(i -> (long) i).toList());
            assertThat(results.get(0).outcome()).isEqualTo(MutationOutcome.CREATED);
            assertThat(results.subList(1, 100)).extracting(MutationResult::outcome).containsOnly(MutationOutcome.UPDATED);
            assertThat(results).allMatch(r -> r.counter().recentOps().isEmpty() && !r.replayed());
            Counter stored = map(cluster).get(HOT.key());
            assertThat(stored.value()).isEqualTo(200);
            assertThat(stored.recentOps()).as("a caller on a lone member's own counter: nothing can send it again, no server id to remember").isEmpty();
            assertThat(changes).as("history and alert detection still see every operation").hasSize(100);
            assertThat(changes.get(0).before()).isNull();
            assertThat(changes.get(41).before().value()).isEqualTo(82);
            assertThat(changes.get(41).after().value()).isEqualTo(84);
        }
    }

    @Test
    void theTransitionHookSeesEveryOperationsCrossing() {
        List<long[]> seen = new CopyOnWriteArrayList<>();
        CounterTransitionHook hook = (id, before, after, now) -> {
            seen.add(new long[] {before == null ? -1 : before.value(), after.value()});
            return after;
        };
        try (TestCluster cluster = cluster(Map.of(CounterTransitionHook.USER_CONTEXT_KEY, hook))) {
            service(cluster.instance).applyBatch(increments(HOT, 5, 3, null));
            assertThat(seen).extracting(pair -> pair[0] + ">" + pair[1]).containsExactly("-1>3", "3>6", "6>9", "9>12", "12>15");
        }
    }

    @Test
    void aProcessorRunAgainReplaysTheGroupsFirstAnswersAndAppliesNothing() {
        try (TestCluster cluster = cluster(Map.of())) {
            MutationRequest[] requests = new MutationRequest[50];
            for (int i = 0; i < requests.length; i++) {
                requests[i] = new MutationRequest(new CounterOperation.Increment(i + 1), null, true, CounterDefaults.STANDARD,
                        new OperationId(1000 + i, 0, false), IdempotencyPolicy.STANDARD);
            }
            Map<String, List<MutationRequest>> byKey = Map.of(HOT.key(), List.of(requests));
            // what another member's call, and Hazelcast's re-sending of it, look like on the owner
            BatchResults first = map(cluster).executeOnKey(HOT.key(), BatchMutationProcessor.received(byKey));
            BatchResults again = map(cluster).executeOnKey(HOT.key(), BatchMutationProcessor.received(byKey));

            assertThat(map(cluster).get(HOT.key()).value()).isEqualTo(50 * 51 / 2);
            assertThat(map(cluster).get(HOT.key()).recentOps()).as("one server id for the whole group").hasSize(1);
            for (int i = 0; i < 50; i++) {
                MutationResult a = first.result(i);
                MutationResult b = again.result(i);
                assertThat(b.replayed()).isTrue();
                assertThat(b.outcome()).isEqualTo(a.outcome());
                assertThat(b.counter()).isEqualTo(a.counter());
            }
        }
    }

    @Test
    void aKeyedBatchRetriedAfterOtherChangesReplaysTheFirstAnswers() {
        try (TestCluster cluster = cluster(Map.of())) {
            CounterService counters = service(cluster.instance);
            List<BatchItem> batch = new ArrayList<>(increments(HOT, 3, 5, new OperationId(10, 77, true)));
            batch.add(new BatchItem(new CounterId("default", "other"), new CounterOperation.Decrement(1), new OperationId(13, 77, true)));
            List<MutationResult> first = counters.applyBatch(batch);
            counters.increment(HOT, 1000);
            List<MutationResult> retry = counters.applyBatch(batch);

            assertThat(retry).as("a refusal on a counter that does not exist is not remembered (issue 6)").extracting(MutationResult::replayed)
                    .containsExactly(true, true, true, false);
            assertThat(retry).extracting(MutationResult::outcome).containsExactly(MutationOutcome.CREATED,
                    MutationOutcome.UPDATED, MutationOutcome.UPDATED, MutationOutcome.BOUND_EXCEEDED);
            assertThat(retry).extracting(MutationResult::outcome).isEqualTo(first.stream().map(MutationResult::outcome).toList());
            assertThat(retry.subList(0, 3)).extracting(MutationResult::counter).isEqualTo(first.stream().limit(3)
                    .map(MutationResult::counter).toList());
            assertThat(retry.get(2).counter().value()).isEqualTo(15);
            assertThat(counters.get(HOT).orElseThrow().value()).isEqualTo(1015);
            assertThat(counters.get(HOT).orElseThrow().recentOps()).filteredOn(RecordedOp::clientKey).hasSize(1);
        }
    }

    @Test
    void theSameKeyWithOtherAmountsIsRefusedForEveryOperationOfThatCounter() {
        try (TestCluster cluster = cluster(Map.of())) {
            CounterService counters = service(cluster.instance);
            counters.applyBatch(increments(HOT, 3, 5, new OperationId(10, 77, true)));
            List<MutationResult> reused = counters.applyBatch(increments(HOT, 3, 6, new OperationId(10, 78, true)));
            assertThat(reused).extracting(MutationResult::outcome).containsOnly(MutationOutcome.KEY_REUSED);
            assertThat(reused.get(0).detail()).contains("already used for a different request");
            assertThat(counters.get(HOT).orElseThrow().value()).isEqualTo(15);
        }
    }

    @Test
    void rejectAndClampAreDecidedPerOperationInsideOneGroup() {
        try (TestCluster cluster = cluster(Map.of())) {
            CounterService counters = service(cluster.instance);
            CounterId capped = new CounterId("default", "capped");
            CounterId clamped = new CounterId("default", "clamped");
            counters.mutate(capped, new CounterOperation.Upsert(new CounterPatch(0L, null, 5L, null, null, null, null)), null);
            counters.mutate(clamped, new CounterOperation.Upsert(new CounterPatch(0L, null, 5L, null, OverflowPolicy.CLAMP, null, null)), null);
            List<BatchItem> batch = new ArrayList<>();
            for (long by : new long[] {2, 2, 2, 1}) {
                batch.add(new BatchItem(capped, new CounterOperation.Increment(by), null));
                batch.add(new BatchItem(clamped, new CounterOperation.Increment(by), null));
            }
            List<MutationResult> results = counters.applyBatch(batch);

            assertThat(results).extracting(MutationResult::outcome).containsExactly(
                    MutationOutcome.UPDATED, MutationOutcome.UPDATED, MutationOutcome.UPDATED, MutationOutcome.UPDATED,
                    MutationOutcome.BOUND_EXCEEDED, MutationOutcome.UPDATED, MutationOutcome.UPDATED, MutationOutcome.UPDATED);
            assertThat(results).extracting(r -> r.counter().value()).containsExactly(2L, 2L, 4L, 4L, 4L, 5L, 5L, 5L);
            assertThat(results).extracting(MutationResult::clamped).containsExactly(false, false, false, false, false, true, false, true);
            assertThat(results.get(4).detail()).isEqualTo("increment by 2 would take the value 4 above its max 5");
            assertThat(counters.get(capped).orElseThrow().value()).isEqualTo(5);
        }
    }

    @Test
    void aGroupRememberedPerOperationStillReplaysWhenItWouldNowApplyCleanly() {
        try (TestCluster cluster = cluster(Map.of())) {
            CounterService counters = service(cluster.instance);
            counters.mutate(HOT, new CounterOperation.Upsert(new CounterPatch(0L, null, 3L, null, null, null, null)), null);
            List<BatchItem> batch = increments(HOT, 2, 2, new OperationId(500, 9, true));
            List<MutationResult> first = counters.applyBatch(batch);
            assertThat(first).extracting(MutationResult::outcome).containsExactly(MutationOutcome.UPDATED, MutationOutcome.BOUND_EXCEEDED);

            counters.mutate(HOT, new CounterOperation.Upsert(new CounterPatch(null, null, 100L, null, null, null, null)), null);
            List<MutationResult> retry = counters.applyBatch(batch);

            assertThat(retry).extracting(MutationResult::replayed).containsOnly(true);
            assertThat(retry).extracting(MutationResult::outcome).containsExactly(MutationOutcome.UPDATED, MutationOutcome.BOUND_EXCEEDED);
            assertThat(retry.get(1).detail()).isEqualTo(first.get(1).detail());
            assertThat(counters.get(HOT).orElseThrow().value()).isEqualTo(2);
        }
    }

    @Test
    void aDeleteInsideAGroupIsFollowedByAFreshCounter() {
        try (TestCluster cluster = cluster(Map.of())) {
            CounterService counters = service(cluster.instance);
            counters.mutate(HOT, new CounterOperation.Upsert(new CounterPatch(7L, null, null, null, null, "old", null)), null);
            List<MutationResult> results = counters.applyBatch(List.of(
                    new BatchItem(HOT, new CounterOperation.Increment(1), null),
                    new BatchItem(HOT, new CounterOperation.Delete(), null),
                    new BatchItem(HOT, new CounterOperation.Increment(4), null)));
            assertThat(results).extracting(MutationResult::outcome).containsExactly(MutationOutcome.UPDATED,
                    MutationOutcome.DELETED, MutationOutcome.CREATED);
            assertThat(results.get(1).counter().description()).isEqualTo("old");
            assertThat(results.get(2).counter().description()).isEmpty();
            assertThat(results.get(2).counter().value()).isEqualTo(4);
            assertThat(counters.get(HOT).orElseThrow().value()).isEqualTo(4);
        }
    }

    @Test
    void theBackupHoldsTheDecidedStatesSoTheOwnersCrashLosesNothingAndAppliesNothingTwice() throws Exception {
        Jdbi jdbi = EmbeddedStore.h2(dir);
        List<HazelcastInstance> members = new ArrayList<>();
        try {
            for (ClusterSettings settings : LoopbackCluster.settings("batch", 2, CounterCodec.VERSION)) {
                members.add(CounterCluster.start(CounterCluster.config(settings,
                        new PersistenceSettings(PersistenceMode.WRITE_BEHIND, 600, 500),
                        new CounterMapStore(jdbi, SqlDialect.H2, CounterMapStore.StoreTimer.NONE))));
            }
            LoopbackCluster.awaitSafe(members); // so every partition has its backup
            List<BatchItem> batch = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                batch.add(new BatchItem(new CounterId("default", "spread." + (i % 200)), new CounterOperation.Increment(1),
                        new OperationId(90_000 + i, 4, true)));
            }
            service(members.get(0)).applyBatch(batch);

            members.get(1).getLifecycleService().terminate();
            HazelcastInstance survivor = members.get(0);
            // write-behind with a long delay: nothing reaches the database, so only the backups can answer
            LoopbackCluster.awaitSoleOwner(survivor);
            IMap<String, Counter> survived = survivor.getMap(CounterCluster.COUNTERS_MAP);
            Map<String, Long> values = new HashMap<>();
            for (int c = 0; c < 200; c++) {
                String key = new CounterId("default", "spread." + c).key();
                Counter counter = survived.get(key);
                values.put(key, counter == null ? null : counter.value());
            }
            assertThat(values).hasSize(200).allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(3));
            List<MutationResult> retry = service(survivor).applyBatch(batch);
            assertThat(retry).extracting(MutationResult::replayed).containsOnly(true);
            assertThat(survivor.<String, Counter>getMap(CounterCluster.COUNTERS_MAP).get(new CounterId("default", "spread.7").key()).value())
                    .isEqualTo(3);
        } finally {
            members.forEach(m -> m.getLifecycleService().terminate());
        }
    }
}
