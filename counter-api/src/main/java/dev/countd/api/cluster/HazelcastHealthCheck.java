package dev.countd.api.cluster;

import com.codahale.metrics.health.HealthCheck;
import com.hazelcast.core.HazelcastInstance;

/** Healthy while the member runs and the cluster is in a safe state (no partition without its owner). */
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
        int members = instance.getCluster().getMembers().size();
        if (!instance.getPartitionService().isClusterSafe()) {
            return Result.unhealthy("cluster of " + members + " members is migrating partitions (not safe)");
        }
        return Result.healthy("cluster of " + members + " member(s), safe");
    }
}
