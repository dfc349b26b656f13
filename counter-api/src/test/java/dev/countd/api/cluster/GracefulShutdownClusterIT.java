package dev.countd.api.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM drains a node: Jetty finishes the requests it has, then the member hands its partitions
 * over and leaves. Clients that retry on connection errors see no failed request.
 */
class GracefulShutdownClusterIT {

    @Test
    @Timeout(value = 7, unit = TimeUnit.MINUTES)
    void sigtermOfOneNodeFailsNoRequestOfRetryingClients() throws Exception {
        try (PostgresSchema schema = PostgresSchema.createOrSkip();
             NodeCluster cluster = new NodeCluster(3, schema, "sigterm")) {
            cluster.startAll();
            List<String> counters = CounterAudit.counters("sigterm", 12);
            ClusterLoad load = new ClusterLoad(cluster.ports(), counters, 4, true, Duration.ofSeconds(90));
            load.awaitAcknowledged(300);
            NodeProcess leaving = cluster.nodes.get(1);
            leaving.terminate();
            int exit = NodeCluster.awaitExit(leaving, Duration.ofSeconds(60));
            cluster.awaitReady(List.of(cluster.nodes.get(0), cluster.nodes.get(2)), 2);
            load.awaitAcknowledged(load.acknowledgedTotal() + 300);
            load.stop();

            List<CounterAudit> audits = CounterAudit.of(load, cluster.nodes.get(0).port, schema);
            System.out.println("SIGTERM of one node: exit=" + exit + " " + load.report());
            audits.forEach(a -> System.out.println("  " + a));
            assertThat(exit).as("exit code after SIGTERM (128 + 15)").isEqualTo(143);
            assertThat(load.failed.sum()).as("failed requests; " + load.report()).isZero();
            assertThat(audits).as("no acknowledged increment lost").allMatch(CounterAudit::nothingLost);
            assertThat(audits).as("no increment counted twice").allMatch(CounterAudit::nothingDoubled);
            assertThat(audits).as("PostgreSQL holds every acknowledged increment").allMatch(CounterAudit::persisted);
        }
    }
}
