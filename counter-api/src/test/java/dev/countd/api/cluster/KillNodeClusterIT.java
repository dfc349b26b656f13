package dev.countd.api.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kill -9} of one of three nodes under load loses no acknowledged increment and counts none twice. */
class KillNodeClusterIT {

    @Test
    @Timeout(value = 7, unit = TimeUnit.MINUTES)
    void killOfOneNodeMidLoadKeepsEveryAcknowledgedIncrementAndCountsNoneTwice() throws Exception {
        try (PostgresSchema schema = PostgresSchema.createOrSkip();
             NodeCluster cluster = new NodeCluster(3, schema, "kill")) {
            cluster.startAll();
            List<String> counters = CounterAudit.counters("kill", 12);
            ClusterLoad load = new ClusterLoad(cluster.ports(), counters, 4, false, Duration.ofSeconds(90));
            load.awaitAcknowledged(300);
            NodeProcess victim = cluster.nodes.get(2);
            victim.kill();
            NodeCluster.awaitExit(victim, Duration.ofSeconds(10));
            long atKill = load.acknowledgedTotal();
            cluster.awaitReady(cluster.nodes.subList(0, 2), 2);
            load.awaitAcknowledged(atKill + 300);
            load.stop();

            List<CounterAudit> audits = CounterAudit.of(load, cluster.nodes.get(0).port, schema);
            System.out.println("kill -9 of one node: " + load.report());
            audits.forEach(a -> System.out.println("  " + a));
            long servedTotal = audits.stream().mapToLong(CounterAudit::served).sum();
            System.out.println("  sum of acknowledged=" + load.acknowledgedTotal() + " sum of values=" + servedTotal);
            assertThat(audits).as("no acknowledged increment lost").allMatch(CounterAudit::nothingLost);
            assertThat(audits).as("no increment counted twice").allMatch(CounterAudit::nothingDoubled);
            assertThat(audits).as("PostgreSQL holds what the cluster serves").allMatch(CounterAudit::persisted);
        }
    }
}
