package dev.countd.core.cluster;

import java.util.List;

/**
 * How this member finds and talks to the others.
 *
 * @param bindAddress        the private interface the member port binds to (never a public one:
 *                           open-source Hazelcast has no member authentication); a pattern such as
 *                           {@code 10.0.*.*} matches the first local interface it fits
 * @param members            TCP-IP member list ({@code host:port}); empty, no multicast and no
 *                           Kubernetes discovery means a single member that joins nobody
 * @param kubernetes         Kubernetes discovery, or {@link KubernetesDiscovery#OFF}
 * @param minimumClusterSize writes to counters need at least this many members in this member's
 *                           view of the cluster (split-brain protection); 1 switches it off
 * @param counterFormat      the {@link CounterCodec} version this member writes: the newest, or an older one while
 *                           members of a release that reads only up to that one are still in the cluster (rolling
 *                           upgrade)
 */
public record ClusterSettings(String clusterName, String bindAddress, int port, List<String> members,
                              boolean multicast, KubernetesDiscovery kubernetes, int backupCount,
                              int minimumClusterSize, int counterFormat) {
    public ClusterSettings {
        CounterCodec.requireWritable(counterFormat);
        members = members == null ? List.of() : List.copyOf(members);
        kubernetes = kubernetes == null ? KubernetesDiscovery.OFF : kubernetes;
        if (backupCount < 0 || backupCount > 6) {
            throw new IllegalArgumentException("backup count must be between 0 and 6");
        }
        if (minimumClusterSize < 1) {
            throw new IllegalArgumentException("minimum cluster size must be at least 1 (1 = no split-brain protection)");
        }
        int joins = (members.isEmpty() ? 0 : 1) + (multicast ? 1 : 0) + (kubernetes.enabled() ? 1 : 0);
        if (joins > 1) {
            throw new IllegalArgumentException("choose one way to join: a member list, multicast or Kubernetes discovery");
        }
    }

    /** Settings that write the newest counter format. */
    public ClusterSettings(String clusterName, String bindAddress, int port, List<String> members,
                           boolean multicast, KubernetesDiscovery kubernetes, int backupCount, int minimumClusterSize) {
        this(clusterName, bindAddress, port, members, multicast, kubernetes, backupCount, minimumClusterSize,
                CounterCodec.VERSION);
    }

    public ClusterSettings(String clusterName, String bindAddress, int port, List<String> members,
                           boolean multicast, int backupCount) {
        this(clusterName, bindAddress, port, members, multicast, KubernetesDiscovery.OFF, backupCount, 1);
    }

    public static ClusterSettings standalone(String clusterName) {
        return new ClusterSettings(clusterName, "127.0.0.1", 5701, List.of(), false, 1);
    }

    /** False for the single member that joins nobody (no member list, multicast or Kubernetes discovery). */
    public boolean joinsOthers() {
        return !members.isEmpty() || multicast || kubernetes.enabled();
    }

    public boolean splitBrainProtected() {
        return minimumClusterSize > 1;
    }

    /**
     * Hazelcast's built-in Kubernetes discovery. Either {@code serviceDns} (DNS lookup of a
     * headless service, no API access needed) or {@code serviceName} and {@code namespace}
     * (Kubernetes API lookup, needs the RBAC rules in {@code docker/k8s/rbac.yaml}).
     */
    public record KubernetesDiscovery(String serviceName, String namespace, String serviceDns) {
        public static final KubernetesDiscovery OFF = new KubernetesDiscovery("", "", "");

        public KubernetesDiscovery {
            serviceName = serviceName == null ? "" : serviceName.trim();
            namespace = namespace == null ? "" : namespace.trim();
            serviceDns = serviceDns == null ? "" : serviceDns.trim();
            if (!serviceDns.isEmpty() && !serviceName.isEmpty()) {
                throw new IllegalArgumentException("Kubernetes discovery takes a service DNS name or a service name, not both");
            }
        }

        public boolean enabled() {
            return !serviceName.isEmpty() || !serviceDns.isEmpty();
        }
    }
}
