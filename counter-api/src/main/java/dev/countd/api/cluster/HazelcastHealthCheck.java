package dev.countd.api.cluster;

import com.codahale.metrics.health.HealthCheck;
import com.hazelcast.cluster.ClusterState;
import com.hazelcast.core.HazelcastInstance;

/**
 * Healthy while the member runs, the cluster accepts writes (state ACTIVE or NO_MIGRATION, not
 * PASSIVE, FROZEN or in transition) and is in a safe state (no partition without its owner).
 */
public class HazelcastHealthCheck extends HealthCheck {

    private final HazelcastInstance instance;

    public HazelcastHealthCheck(HazelcastInstance instance) {
        this.instance = instance;
    }

    @Override
    protected Result check() {
        if (!instance.getLifecycleService().isRunning()) {
            return Result.unhealthy("Hazelcast member is not running");
        }
        ClusterState state = instance.getCluster().getClusterState();
        if (state != ClusterState.ACTIVE && state != ClusterState.NO_MIGRATION) {
            return Result.unhealthy("cluster state is " + state + ": counter writes are refused");
        }
        int members = instance.getCluster().getMembers().size();
        if (!instance.getPartitionService().isClusterSafe()) {
            return Result.unhealthy("cluster of " + members + " members is migrating partitions (not safe)");
        }
        return Result.healthy("cluster of " + members + " member(s), safe");
    }
}
