package dev.countd.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.countd.core.cluster.ClusterSettings;

import java.util.Arrays;
import java.util.List;

/**
 * The Hazelcast member. The defaults make a single member bound to 127.0.0.1 that joins nobody,
 * so two local instances never merge by accident; {@code members} (comma-separated host:port)
 * turns on TCP-IP join.
 */
public class ClusterFactory {

    @JsonProperty
    private String name = "countd";
    @JsonProperty
    private String bindAddress = "127.0.0.1";
    @JsonProperty
    private int port = 5701;
    @JsonProperty
    private String members = "";
    @JsonProperty
    private boolean multicast = false;
    @JsonProperty
    private int backupCount = 1;

    public ClusterSettings build() {
        List<String> memberList = members == null ? List.of()
                : Arrays.stream(members.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new ClusterSettings(name, bindAddress, port, memberList, multicast, backupCount);
    }
}
