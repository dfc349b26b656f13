package dev.countd.api.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kill -9} of every node mid-load, then a restart: write-through brought every acknowledged change back. */
class FullRestartClusterIT {

    @Test
    @Timeout(value = 7, unit = TimeUnit.MINUTES)
    void killOfAllNodesThenRestartBringsEveryAcknowledgedChangeBack() throws Exception {
        try (PostgresSchema schema = PostgresSchema.createOrSkip();
             NodeCluster cluster = new NodeCluster(3, schema, "full")) {
            cluster.startAll();
            List<String> counters = CounterAudit.counters("full", 12);
            ClusterLoad load = new ClusterLoad(cluster.ports(), counters, 4, false, Duration.ofSeconds(60));
            load.awaitAcknowledged(400);
            for (NodeProcess node : cluster.nodes) {
                node.kill();
            }
            for (NodeProcess node : cluster.nodes) {
                NodeCluster.awaitExit(node, Duration.ofSeconds(10));
            }
            load.stop();

            for (NodeProcess node : cluster.nodes) {
                node.start();
            }
            cluster.awaitReady(cluster.nodes, 3);
            List<CounterAudit> audits = CounterAudit.of(load, cluster.nodes.get(2).port, schema);
            System.out.println("kill -9 of all nodes, restart: " + load.report());
            audits.forEach(a -> System.out.println("  " + a));
            assertThat(audits).as("every acknowledged change is back").allMatch(CounterAudit::nothingLost);
            assertThat(audits).as("no increment counted twice").allMatch(CounterAudit::nothingDoubled);
            assertThat(audits).as("served values are the stored ones").allMatch(a -> a.stored() != null && a.stored() == a.served());
        }
    }
}
