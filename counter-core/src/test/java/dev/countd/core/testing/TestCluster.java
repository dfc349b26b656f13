package dev.countd.core.testing;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import dev.countd.core.cluster.ClusterSettings;
import dev.countd.core.cluster.CounterCluster;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterDefaults;
import dev.countd.core.counter.CounterService;
import dev.countd.core.storage.CounterMapStore;
import dev.countd.core.storage.PersistenceSettings;
import dev.countd.core.storage.SqlDialect;
import org.jdbi.v3.core.Jdbi;

import java.util.Map;
import java.util.UUID;

/** One standalone member over a given database, with a unique cluster name. */
public final class TestCluster implements AutoCloseable {

    public final HazelcastInstance instance;
    public final CounterService counters;

    public TestCluster(Jdbi jdbi, SqlDialect dialect, PersistenceSettings persistence, Map<String, Object> userContext) {
        Config config = CounterCluster.config(ClusterSettings.standalone("core-test-" + UUID.randomUUID()), persistence,
                new CounterMapStore(jdbi, dialect, CounterMapStore.StoreTimer.NONE));
        config.getUserContext().putAll(userContext);
        instance = CounterCluster.start(config);
        counters = new CounterService(instance.<String, Counter>getMap(CounterCluster.COUNTERS_MAP),
                CounterDefaults.STANDARD, true);
    }

    @Override
    public void close() {
        instance.getMap(CounterCluster.COUNTERS_MAP).flush();
        instance.shutdown();
    }
}
