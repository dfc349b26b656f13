package dev.countd.core.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import dev.countd.core.counter.CounterWriteGuard;

/**
 * Refuses counter writes while this member sees fewer members than {@code minimumClusterSize},
 * with Hazelcast's {@code SplitBrainProtectionException}.
 * <p>
 * Why not attach the protection to the map itself: Hazelcast then also refuses the map's own
 * set-up operations (index build, initial load) while the cluster is small, so the first member of
 * a cluster could not even start. Checked here on the member that takes the request, which in a
 * split shares its side's view of the membership with the partition owners it can still reach.
 */
public final class SplitBrainWriteGuard implements CounterWriteGuard {

    private final HazelcastInstance instance;

    private SplitBrainWriteGuard(HazelcastInstance instance) {
        this.instance = instance;
    }

    /** The guard for a member started from {@code settings}: open unless split-brain protection is on. */
    public static CounterWriteGuard of(HazelcastInstance instance, ClusterSettings settings) {
        return settings.splitBrainProtected() ? new SplitBrainWriteGuard(instance) : CounterWriteGuard.OPEN;
    }

    @Override
    public void ensureWritable() {
        instance.getSplitBrainProtectionService().ensureNoSplitBrain(CounterCluster.WRITE_PROTECTION, SplitBrainProtectionOn.WRITE);
    }
}
