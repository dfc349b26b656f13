package dev.countd.core.counter;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.countd.core.cluster.ClusterSettings;
import dev.countd.core.cluster.CounterCluster;
import dev.countd.core.cluster.CounterCodec;
import dev.countd.core.storage.CounterMapStore;
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
 * A caller on the owner of a counter in a cluster of two: a split-brain merge could send its applied operation
 * again unless a minority cannot write, so it remembers its server id exactly when split-brain protection is off.
 * (A lone member never remembers one: {@link ExactlyOnceTest}.)
 */
class LocalCallerIdsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "minimum cluster size {0}")
    @ValueSource(ints = {1, 2})
    void aCallerOnTheOwnerRemembersItsServerIdOnlyWithoutSplitBrainProtection(int minimumClusterSize) {
        Jdbi jdbi = EmbeddedStore.h2(dir);
        List<HazelcastInstance> members = new ArrayList<>();
        try {
            for (ClusterSettings settings : LoopbackCluster.settings("local-ids", 2, CounterCodec.VERSION, minimumClusterSize)) {
                members.add(CounterCluster.start(CounterCluster.config(settings, PersistenceSettings.WRITE_THROUGH,
                        new CounterMapStore(jdbi, SqlDialect.H2, CounterMapStore.StoreTimer.NONE))));
            }
            LoopbackCluster.awaitSafe(members);
            HazelcastInstance owner = members.get(0);
            CounterId single = LoopbackCluster.ownedBy(owner, "single");
            CounterId batched = LoopbackCluster.ownedBy(owner, "batched");
            IMap<String, Counter> counters = owner.getMap(CounterCluster.COUNTERS_MAP);

            counters.executeOnKey(single.key(), new CounterMutationProcessor(serverIdIncrement(0x10CA_0001L)));
            counters.executeOnKey(batched.key(), new BatchMutationProcessor(Map.of(batched.key(),
                    List.of(serverIdIncrement(0x10CA_0002L), serverIdIncrement(0x10CA_0003L)))));

            boolean remembered = minimumClusterSize == 1;
            assertThat(counters.get(single.key()).recentOps()).extracting(RecordedOp::id)
                    .isEqualTo(remembered ? List.of(0x10CA_0001L) : List.of());
            assertThat(counters.get(batched.key()).recentOps()).as("one id for the group, or none").hasSize(remembered ? 1 : 0);
            assertThat(counters.get(single.key()).value()).isEqualTo(1);
            assertThat(counters.get(batched.key()).value()).isEqualTo(2);
        } finally {
            members.forEach(m -> m.getLifecycleService().terminate());
        }
    }

    private static MutationRequest serverIdIncrement(long id) {
        return new MutationRequest(new CounterOperation.Increment(1), null, true, CounterDefaults.STANDARD,
                new OperationId(id, 0, false), IdempotencyPolicy.STANDARD);
    }
}
