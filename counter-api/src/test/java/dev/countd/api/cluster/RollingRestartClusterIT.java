package dev.countd.api.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Restarting all three nodes one after another (SIGTERM, start, wait until safe) under load. */
class RollingRestartClusterIT {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void rollingRestartUnderLoadLosesNoAcknowledgedIncrement() throws Exception {
        try (PostgresSchema schema = PostgresSchema.createOrSkip();
             NodeCluster cluster = new NodeCluster(3, schema, "rolling")) {
            cluster.startAll();
            List<String> counters = CounterAudit.counters("rolling", 12);
            ClusterLoad load = new ClusterLoad(cluster.ports(), counters, 4, false, Duration.ofSeconds(200));
            load.awaitAcknowledged(200);
            for (NodeProcess node : cluster.nodes) {
                node.terminate();
                assertThat(NodeCluster.awaitExit(node, Duration.ofSeconds(60))).as("exit code after SIGTERM").isEqualTo(143);
                cluster.restart(node);
                cluster.awaitReady(cluster.nodes, 3);
            }
            load.awaitAcknowledged(load.acknowledgedTotal() + 200);
            load.stop();

            List<CounterAudit> audits = CounterAudit.of(load, cluster.nodes.get(0).port, schema);
            System.out.println("rolling restart of 3 nodes: " + load.report());
            audits.forEach(a -> System.out.println("  " + a));
            assertThat(audits).as("no acknowledged increment lost").allMatch(CounterAudit::nothingLost);
            assertThat(audits).as("no increment counted twice").allMatch(CounterAudit::nothingDoubled);
            assertThat(audits).as("PostgreSQL holds every acknowledged increment").allMatch(CounterAudit::persisted);
        }
    }
}
