package dev.countd.core.cluster;

import java.util.List;

/**
 * How this member finds and talks to the others.
 *
 * @param bindAddress the private interface the member port binds to (never a public one:
 *                    open-source Hazelcast has no member authentication)
 * @param members     TCP-IP member list ({@code host:port}); empty and no multicast means a
 *                    single member that joins nobody
 */
public record ClusterSettings(String clusterName, String bindAddress, int port, List<String> members,
                              boolean multicast, int backupCount) {
    public ClusterSettings {
        members = members == null ? List.of() : List.copyOf(members);
        if (backupCount < 0 || backupCount > 6) {
            throw new IllegalArgumentException("backup count must be between 0 and 6");
        }
    }

    public static ClusterSettings standalone(String clusterName) {
        return new ClusterSettings(clusterName, "127.0.0.1", 5701, List.of(), false, 1);
    }
}
