package dev.countd.core.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.core.LifecycleListener;
import com.hazelcast.map.IMap;
import dev.countd.core.counter.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * After a split brain heals ({@code MERGED}), rewrites every counter this member owns to the
 * database. During the split the minority side may have written counters through to the shared
 * database that the merge then discarded in memory ({@link CounterMergePolicy} keeps the
 * majority's state, an unchanged value is not stored again); without this the database would hold
 * the minority's value until the counter next changes, and a full restart would bring it back.
 */
public final class MergeReconciler implements LifecycleListener, HazelcastInstanceAware {

    private static final Logger LOG = LoggerFactory.getLogger(MergeReconciler.class);

    private volatile HazelcastInstance instance;

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        this.instance = instance;
    }

    @Override
    public void stateChanged(LifecycleEvent event) {
        if (event.getState() == LifecycleEvent.LifecycleState.MERGED && instance != null) {
            Thread reconcile = new Thread(this::storeOwnedCounters, "countd-merge-reconciler");
            reconcile.setDaemon(true);
            reconcile.start();
        }
    }

    /** Rewrites every counter whose partition this member owns; answers how many. */
    public int storeOwnedCounters() {
        IMap<String, Counter> counters = instance.getMap(CounterCluster.COUNTERS_MAP);
        Set<String> owned = counters.localKeySet();
        try {
            counters.executeOnKeys(owned, new StoreCurrentCounterProcessor());
            LOG.info("after a split-brain merge, rewrote {} owned counters to the database", owned.size());
        } catch (RuntimeException e) {
            LOG.warn("after a split-brain merge, rewriting owned counters to the database failed: {}", e.toString());
        }
        return owned.size();
    }
}
