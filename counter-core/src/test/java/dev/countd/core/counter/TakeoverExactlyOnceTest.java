package dev.countd.core.counter;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.countd.core.cluster.ClusterSettings;
import dev.countd.core.cluster.CounterCluster;
import dev.countd.core.storage.CounterMapStore;
import dev.countd.core.storage.PersistenceMode;
import dev.countd.core.storage.PersistenceSettings;
import dev.countd.core.storage.SqlDialect;
import dev.countd.core.testing.EmbeddedStore;
import dev.countd.core.testing.LoopbackCluster;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hazelcast re-executes an operation whose owner died before answering, on the member that takes the partition
 * over, after the removal and its retry pauses. A busy counter records many ids of its own in that time; the
 * ids it inherited from the dead owner must still be there when the re-execution arrives.
 */
class TakeoverExactlyOnceTest {

    @TempDir
    Path dir;

    private static final int OWN_IDS = IdempotencyPolicy.STANDARD.maxServerIds();

    /**
     * The survivor calls, so the dead owner received the operations and remembered their ids.
     * Format 3 knows who recorded each id: twice as many later changes as the ids a member keeps of its own.
     * Format 2 (members still writing it during an upgrade) does not: it keeps the newest 64 ids, as before.
     */
    @ParameterizedTest(name = "format {0}")
    @ValueSource(ints = {2, 3})
    void anOperationReExecutedAfterItsOwnerDiedIsNotAppliedTwiceHoweverBusyTheCounterIsMeanwhile(int format) {
        int laterChanges = format == 3 ? 2 * OWN_IDS : OWN_IDS - 2; // format 2: two ids of one batch still fit
        Jdbi jdbi = EmbeddedStore.h2(dir);
        List<HazelcastInstance> members = new ArrayList<>();
        try {
            for (ClusterSettings settings : LoopbackCluster.settings("takeover", 2, format)) {
                // write-behind with a long delay: only the backups can carry the state across the crash
                members.add(CounterCluster.start(CounterCluster.config(settings,
                        new PersistenceSettings(PersistenceMode.WRITE_BEHIND, 600, 500),
                        new CounterMapStore(jdbi, SqlDialect.H2, CounterMapStore.StoreTimer.NONE))));
            }
            HazelcastInstance doomed = members.get(0);
            HazelcastInstance survivor = members.get(1);
            LoopbackCluster.awaitSafe(members);
            CounterId single = LoopbackCluster.ownedBy(doomed, "single");
            CounterId batched = LoopbackCluster.ownedBy(doomed, "batched");
            CounterId checked = LoopbackCluster.ownedBy(doomed, "checked");
            IMap<String, Counter> counters = survivor.getMap(CounterCluster.COUNTERS_MAP);

            // The survivor calls; the doomed member owns both counters and applies.
            CounterMutationProcessor increment = new CounterMutationProcessor(serverIdIncrement(0x5EED_0001L, 1));
            BatchMutationProcessor batch = new BatchMutationProcessor(Map.of(batched.key(),
                    List.of(serverIdIncrement(0x5EED_0002L, 2), serverIdIncrement(0x5EED_0003L, 3))));
            assertThat(counters.executeOnKey(single.key(), increment).counter().value()).isEqualTo(1);
            assertThat(counters.executeOnKey(batched.key(), batch).result(1).counter().value()).isEqualTo(5);
            // an expected version keeps a batch from being remembered as one group: each id on its own
            BatchMutationProcessor oneByOne = new BatchMutationProcessor(Map.of(checked.key(), List.of(
                    serverIdIncrement(0x5EED_0004L, 4),
                    new MutationRequest(new CounterOperation.Increment(6), 1L, true, CounterDefaults.STANDARD,
                            new OperationId(0x5EED_0005L, 0, false), IdempotencyPolicy.STANDARD))));
            assertThat(counters.executeOnKey(checked.key(), oneByOne).result(1).counter().value()).isEqualTo(10);

            doomed.getLifecycleService().terminate();
            LoopbackCluster.awaitSoleOwner(survivor);
            CounterService service = new CounterService(counters, CounterDefaults.STANDARD, true,
                    IdempotencyPolicy.STANDARD, survivor.getPartitionService(), CounterWriteGuard.OPEN);
            // Busy while the re-execution waits out its retry pauses, with calls of other members (as they arrive
            // from the wire): the survivor's own calls remember no id, so only these could push the inherited ids out.
            for (int i = 0; i < laterChanges; i++) {
                for (CounterId id : List.of(single, batched, checked)) {
                    counters.executeOnKey(id.key(), CounterMutationProcessor.received(serverIdIncrement(0x1A7E_0000L + i, 1)));
                }
            }

            MutationResult again = counters.executeOnKey(single.key(), increment);
            BatchResults batchAgain = counters.executeOnKey(batched.key(), batch);
            BatchResults oneByOneAgain = counters.executeOnKey(checked.key(), oneByOne);

            assertThat(again.replayed()).isTrue();
            assertThat(again.counter().value()).as("the first answer").isEqualTo(1);
            assertThat(batchAgain.result(1).replayed()).isTrue();
            assertThat(batchAgain.result(1).counter().value()).isEqualTo(5);
            assertThat(service.get(single).orElseThrow().value()).isEqualTo(1 + laterChanges);
            assertThat(service.get(batched).orElseThrow().value()).isEqualTo(5 + laterChanges);
            assertThat(oneByOneAgain.result(0).replayed()).isTrue();
            assertThat(oneByOneAgain.result(1).replayed()).isTrue();
            assertThat(oneByOneAgain.result(1).counter().value()).isEqualTo(10);
            assertThat(service.get(checked).orElseThrow().value()).isEqualTo(10 + laterChanges);
            assertThat(counters.get(single.key()).recentOps())
                    .as("format 3: the inherited id and the survivor's own up to its limit; format 2: all of them")
                    .hasSize(format == 3 ? 1 + OWN_IDS : 1 + laterChanges);
        } finally {
            members.forEach(m -> m.getLifecycleService().terminate());
        }
    }

    private static MutationRequest serverIdIncrement(long id, long by) {
        return new MutationRequest(new CounterOperation.Increment(by), null, true, CounterDefaults.STANDARD,
                new OperationId(id, 0, false), IdempotencyPolicy.STANDARD);
    }
}
