package dev.countd.api.metrics;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import io.prometheus.client.Collector;
import io.prometheus.client.Counter;
import io.prometheus.client.GaugeMetricFamily;

import java.util.List;

/**
 * {@code hazelcast_cluster_members}, read from the member at scrape time (0 once it has stopped),
 * and {@code hazelcast_partition_migrations_total{result}} from a migration listener.
 */
public final class HazelcastMetrics extends Collector implements Collector.Describable {

    private final HazelcastInstance instance;

    private HazelcastMetrics(HazelcastInstance instance) {
        this.instance = instance;
    }

    public static void register(Metrics metrics, HazelcastInstance instance) {
        metrics.registry().register(new HazelcastMetrics(instance));
        instance.getPartitionService().addMigrationListener(new Migrations(metrics.migrations()));
    }

    @Override
    public List<MetricFamilySamples> collect() {
        return List.of(new GaugeMetricFamily(Metrics.HAZELCAST_MEMBERS, "Members in the Hazelcast cluster, as this member sees it.",
                members()));
    }

    @Override
    public List<MetricFamilySamples> describe() {
        return List.of(new GaugeMetricFamily(Metrics.HAZELCAST_MEMBERS, "Members in the Hazelcast cluster, as this member sees it.",
                List.of()));
    }

    private int members() {
        if (!instance.getLifecycleService().isRunning()) {
            return 0;
        }
        try {
            return instance.getCluster().getMembers().size();
        } catch (RuntimeException stoppedMeanwhile) {
            return 0;
        }
    }

    private record Migrations(Counter migrations) implements MigrationListener {
        @Override
        public void migrationStarted(MigrationState state) {
        }

        @Override
        public void migrationFinished(MigrationState state) {
        }

        @Override
        public void replicaMigrationCompleted(ReplicaMigrationEvent event) {
            migrations.labels("completed").inc();
        }

        @Override
        public void replicaMigrationFailed(ReplicaMigrationEvent event) {
            migrations.labels("failed").inc();
        }
    }
}
