package dev.countd.core.cluster;

import com.hazelcast.core.LifecycleEvent;
import dev.countd.core.counter.CounterId;
import dev.countd.core.storage.PersistenceMode;
import dev.countd.core.storage.PersistenceSettings;
import dev.countd.core.storage.SqlDialect;
import dev.countd.core.testing.EmbeddedStore;
import dev.countd.core.testing.TestCluster;
import org.awaitility.Awaitility;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** After a merge the database holds what the cluster holds, not what a discarded minority wrote. */
class MergeReconcilerTest {

    private static long storedValue(Jdbi jdbi, String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT counter_value FROM counters WHERE namespace = 'default' AND name = :name")
                .bind("name", name).mapTo(Long.class).one());
    }

    /** What a minority member's write-through left behind: the row changed, the surviving memory did not. */
    private static void minorityWrote(Jdbi jdbi, String name, long value) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE counters SET counter_value = :value WHERE namespace = 'default' AND name = :name")
                .bind("value", value).bind("name", name).execute());
    }

    @Test
    void mergedEventRewritesOwnedCountersToTheDatabase(@TempDir Path dir) {
        Jdbi jdbi = EmbeddedStore.h2(dir);
        try (TestCluster cluster = new TestCluster(jdbi, SqlDialect.H2,
                new PersistenceSettings(PersistenceMode.WRITE_THROUGH, 1, 500), Map.of())) {
            CounterId id = new CounterId("default", "merge.reconcile");
            cluster.counters.increment(id, 5);
            minorityWrote(jdbi, "merge.reconcile", 99);

            MergeReconciler reconciler = new MergeReconciler();
            reconciler.setHazelcastInstance(cluster.instance);
            reconciler.stateChanged(new LifecycleEvent(LifecycleEvent.LifecycleState.MERGED));

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> storedValue(jdbi, "merge.reconcile") == 5);
            assertThat(cluster.counters.get(id).orElseThrow().version()).as("no new version").isEqualTo(1);
        }
    }

    @Test
    void storeOwnedCountersRewritesEveryOwnedCounterAndSaysHowMany(@TempDir Path dir) {
        Jdbi jdbi = EmbeddedStore.h2(dir);
        try (TestCluster cluster = new TestCluster(jdbi, SqlDialect.H2,
                new PersistenceSettings(PersistenceMode.WRITE_THROUGH, 1, 500), Map.of())) {
            cluster.counters.increment(new CounterId("default", "merge.one"), 5);
            cluster.counters.increment(new CounterId("default", "merge.two"), 7);
            minorityWrote(jdbi, "merge.one", 99);
            minorityWrote(jdbi, "merge.two", 98);

            MergeReconciler reconciler = new MergeReconciler();
            reconciler.setHazelcastInstance(cluster.instance);

            assertThat(reconciler.storeOwnedCounters()).isEqualTo(2);
            assertThat(storedValue(jdbi, "merge.one")).isEqualTo(5);
            assertThat(storedValue(jdbi, "merge.two")).isEqualTo(7);
        }
    }
}
