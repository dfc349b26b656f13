package dev.countd.api.cluster;

import java.time.Duration;
import java.util.List;

/**
 * Increments per second through 1 node and through 3 nodes (child JVMs on 127.0.0.1, PostgreSQL
 * write-through, backup count 1). Not a test: run it by hand, see docs/benchmarks.md.
 * Arguments: {@code [seconds per run] [clients] [counters]}; {@code -Dcountd.node.persistence=write-behind}
 * measures without a database commit per increment.
 */
public final class ClusterThroughputBench {

    private ClusterThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int counterCount = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        System.setProperty("countd.node.fullJit", "true");
        for (int nodes : new int[] {1, 3}) {
            try (PostgresSchema schema = PostgresSchema.createOrSkip();
                 NodeCluster cluster = new NodeCluster(nodes, schema, "bench" + nodes)) {
                cluster.startAll();
                List<String> counters = CounterAudit.counters("bench", counterCount);
                ClusterLoad warmUp = new ClusterLoad(cluster.ports(), counters, clients, false, Duration.ofSeconds(10), Duration.ZERO);
                warmUp.awaitDone();
                long start = System.nanoTime();
                ClusterLoad load = new ClusterLoad(cluster.ports(), counters, clients, false, Duration.ofSeconds(seconds), Duration.ZERO);
                load.awaitDone();
                double elapsed = (System.nanoTime() - start) / 1e9;
                System.out.printf("%d node(s), %s, %d clients, %d counters: %.0f increments/s acknowledged (%s)%n",
                        nodes, System.getProperty("countd.node.persistence", "write-through"), clients, counterCount, load.acknowledgedTotal() / elapsed, load.report());
            }
        }
    }
}
