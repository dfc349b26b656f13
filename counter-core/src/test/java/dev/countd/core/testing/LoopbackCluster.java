package dev.countd.core.testing;

import com.hazelcast.core.HazelcastInstance;
import dev.countd.core.cluster.ClusterSettings;
import dev.countd.core.counter.CounterId;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/** Several members of one fresh cluster in this JVM, for tests that need a partition owner and its backup apart. */
public final class LoopbackCluster {

    private LoopbackCluster() {
    }

    /**
     * One settings per member: a cluster name of its own, free loopback ports, every member listed, backup count 1.
     *
     * @param counterFormat the counter format every member writes
     */
    public static List<ClusterSettings> settings(String namePrefix, int count, int counterFormat) {
        return settings(namePrefix, count, counterFormat, 1);
    }

    /** @param minimumClusterSize split-brain protection: counter writes need this many members in view (1: off) */
    public static List<ClusterSettings> settings(String namePrefix, int count, int counterFormat, int minimumClusterSize) {
        String name = namePrefix + "-" + UUID.randomUUID();
        List<Integer> ports = IntStream.range(0, count).mapToObj(i -> FreePorts.next()).toList();
        List<String> members = ports.stream().map(port -> "127.0.0.1:" + port).toList();
        return ports.stream().map(port -> new ClusterSettings(name, "127.0.0.1", port, members, false,
                ClusterSettings.KubernetesDiscovery.OFF, 1, minimumClusterSize, counterFormat)).toList();
    }

    /** Until all members see each other and every partition's backups are in sync (migrations done). */
    public static void awaitSafe(List<HazelcastInstance> members) {
        await().atMost(Duration.ofSeconds(60)).until(() -> members.get(0).getCluster().getMembers().size() == members.size());
        await().atMost(Duration.ofSeconds(60)).until(() -> members.get(0).getPartitionService().isClusterSafe());
    }

    /** The first counter {@code prefix.0}, {@code prefix.1}, ... (namespace default) whose partition {@code member} owns. */
    public static CounterId ownedBy(HazelcastInstance member, String prefix) {
        for (int i = 0; ; i++) {
            CounterId id = new CounterId("default", prefix + "." + i);
            if (member.getCluster().getLocalMember().equals(member.getPartitionService().getPartition(id.key()).getOwner())) {
                return id;
            }
        }
    }

    /** Until {@code survivor} owns every partition (the others are gone). */
    public static void awaitSoleOwner(HazelcastInstance survivor) {
        await().atMost(Duration.ofSeconds(60)).until(() -> survivor.getPartitionService().getPartitions().stream()
                .allMatch(p -> survivor.getCluster().getLocalMember().equals(p.getOwner())));
    }
}
