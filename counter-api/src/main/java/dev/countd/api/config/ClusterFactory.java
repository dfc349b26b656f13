package dev.countd.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.countd.core.cluster.ClusterSettings;
import dev.countd.core.cluster.CounterCodec;

import java.util.Arrays;
import java.util.List;

/**
 * The Hazelcast member. The defaults make a single member bound to 127.0.0.1 that joins nobody,
 * so two local instances never merge by accident. One way to join may be chosen: {@code members}
 * (comma-separated host:port, TCP-IP join), {@code multicast}, or {@code kubernetes} discovery.
 * {@code minimumClusterSize} above 1 closes counter writes on a side of a split brain with fewer
 * members (set it to a majority, e.g. 2 of 3).
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
    private KubernetesFactory kubernetes = new KubernetesFactory();
    @JsonProperty
    private int backupCount = 1;
    @JsonProperty
    private int minimumClusterSize = 1;
    @JsonProperty
    private io.dropwizard.util.Duration drainDelay = io.dropwizard.util.Duration.seconds(2);
    /** The in-memory counter format this member writes; 1 only during a rolling upgrade from a release that reads only 1. */
    @JsonProperty
    private int counterFormat = CounterCodec.VERSION;

    public ClusterSettings build() {
        List<String> memberList = members == null ? List.of()
                : Arrays.stream(members.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new ClusterSettings(name, bindAddress, port, memberList, multicast, kubernetes.build(), backupCount,
                minimumClusterSize, counterFormat);
    }

    /** How long a stopping node keeps serving with {@code Connection: close} before it stops accepting. */
    public java.time.Duration drainDelay() {
        return drainDelay.toJavaDuration();
    }

    /** Hazelcast's built-in Kubernetes discovery: a headless service's DNS name, or a service name and namespace. */
    public static class KubernetesFactory {
        @JsonProperty
        private String serviceName = "";
        @JsonProperty
        private String namespace = "";
        @JsonProperty
        private String serviceDns = "";

        ClusterSettings.KubernetesDiscovery build() {
            return new ClusterSettings.KubernetesDiscovery(serviceName, namespace, serviceDns);
        }
    }
}
