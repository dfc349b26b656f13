package dev.countd.api.cluster;

import dev.countd.core.testing.FreePorts;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Service nodes as child JVMs on 127.0.0.1 forming one Hazelcast cluster (TCP-IP member list)
 * over one PostgreSQL schema, write-through. Closing kills every node still running.
 */
final class NodeCluster implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(150);

    final List<NodeProcess> nodes = new ArrayList<>();

    NodeCluster(int size, PostgresSchema schema, String testName) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "cluster-it", testName + "-" + schema.name));
        List<Integer> hazelcastPorts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            hazelcastPorts.add(FreePorts.next());
        }
        Map<String, String> env = Map.of(
                "COUNTER_CLUSTER_NAME", "it-" + UUID.randomUUID(),
                "COUNTER_CLUSTER_MEMBERS", hazelcastPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(",")),
                "COUNTER_HAZELCAST_BIND", "127.0.0.1",
                "COUNTER_DB_URL", schema.url(),
                "COUNTER_DB_USER", PostgresSchema.USER,
                "COUNTER_PERSISTENCE_MODE", System.getProperty("countd.node.persistence", "write-through"),
                "COUNTER_BACKUP_COUNT", "1",
                "COUNTER_BOOTSTRAP_API_KEY", dev.countd.api.TestApps.ADMIN_KEY,
                "COUNTER_RATE_LIMIT_DEFAULT_PLAN", "bulk");
        for (int i = 0; i < size; i++) {
            nodes.add(new NodeProcess(i, hazelcastPorts.get(i), dir, env));
        }
    }

    /** Starts every node and waits until all see the whole cluster in a safe state. */
    void startAll() throws IOException {
        for (NodeProcess node : nodes) {
            node.start();
        }
        awaitReady(nodes, nodes.size());
    }

    void restart(NodeProcess node) throws IOException {
        node.start();
        awaitReady(List.of(node), nodes.size());
    }

    void awaitReady(List<NodeProcess> which, int members) {
        try {
            Awaitility.await("nodes " + which.stream().map(n -> n.index).toList() + " ready in a cluster of " + members)
                    .atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .until(() -> which.stream().allMatch(n -> n.ready(members)));
        } catch (RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n" + logs(), e);
        }
    }

    /** Waits for the process to end (bounded) and answers its exit code. */
    static int awaitExit(NodeProcess node, Duration timeout) throws InterruptedException {
        if (!node.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("node " + node.index + " did not stop within " + timeout + "\n" + node.logTail());
        }
        return node.process().exitValue();
    }

    List<Integer> ports() {
        return nodes.stream().map(n -> n.port).toList();
    }

    String logs() {
        return nodes.stream().map(n -> "--- node " + n.index + " ---\n" + n.logTail()).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() throws InterruptedException {
        for (NodeProcess node : nodes) {
            if (node.alive()) {
                node.kill();
                node.process().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
