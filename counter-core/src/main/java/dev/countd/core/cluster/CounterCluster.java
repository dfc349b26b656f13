package dev.countd.core.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.CacheDeserializedValues;
import com.hazelcast.config.MetadataPolicy;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.MapStore;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.LocalResend;
import dev.countd.core.storage.PersistenceMode;
import dev.countd.core.storage.PersistenceSettings;

/** Builds the member's configuration and starts it. The caller owns shutdown. */
public final class CounterCluster {

    public static final String COUNTERS_MAP = "counters";
    public static final String WRITE_PROTECTION = "counters-minimum-cluster-size";

    private CounterCluster() {
    }

    public static Config config(ClusterSettings cluster, PersistenceSettings persistence,
                                MapStore<String, Counter> counterStore) {
        Config config = new Config();
        config.setClusterName(cluster.clusterName());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        // Dropwizard's lifecycle stops the member after the HTTP server has drained.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.socket.bind.any", "false");

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(cluster.port()).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface(cluster.bindAddress());
        JoinConfig join = network.getJoin();
        join.getAutoDetectionConfig().setEnabled(false);
        join.getMulticastConfig().setEnabled(cluster.multicast());
        join.getTcpIpConfig().setEnabled(!cluster.members().isEmpty()).setMembers(cluster.members());
        ClusterSettings.KubernetesDiscovery kubernetes = cluster.kubernetes();
        if (kubernetes.enabled()) {
            join.getKubernetesConfig().setEnabled(true);
            if (!kubernetes.serviceDns().isEmpty()) {
                join.getKubernetesConfig().setProperty("service-dns", kubernetes.serviceDns());
            } else {
                join.getKubernetesConfig().setProperty("service-name", kubernetes.serviceName());
                if (!kubernetes.namespace().isEmpty()) {
                    join.getKubernetesConfig().setProperty("namespace", kubernetes.namespace());
                }
            }
        }

        CounterSerializers.register(config.getSerializationConfig(), cluster.counterFormat());
        config.addListenerConfig(new com.hazelcast.config.ListenerConfig(new MergeReconciler()));

        MapConfig counters = new MapConfig(COUNTERS_MAP)
                .setBackupCount(cluster.backupCount())
                .setMergePolicyConfig(new MergePolicyConfig(CounterMergePolicy.class.getName(), MergePolicyConfig.DEFAULT_BATCH_SIZE))
                // No index (listing scans keys, see NamePage) and no cached deserialized values: heap per counter.
                .setCacheDeserializedValues(CacheDeserializedValues.NEVER)
                // Values are never JSON: skips a metadata lookup per entry in every key scan.
                .setMetadataPolicy(MetadataPolicy.OFF);
        MapStoreConfig store = new MapStoreConfig()
                .setEnabled(true)
                .setImplementation(counterStore)
                .setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER)
                .setWriteDelaySeconds(persistence.mode() == PersistenceMode.WRITE_THROUGH ? 0 : persistence.writeDelaySeconds())
                .setWriteBatchSize(persistence.writeBatchSize())
                .setWriteCoalescing(true)
                .setOffload(persistence.offloadsStoreCalls());
        counters.setMapStoreConfig(store);
        if (cluster.splitBrainProtected()) {
            // Counter writes need a majority in this member's view (SplitBrainWriteGuard); reads stay available.
            config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(WRITE_PROTECTION, true,
                    cluster.minimumClusterSize()).setProtectOn(SplitBrainProtectionOn.WRITE));
        }
        config.addMapConfig(counters);
        config.getUserContext().put(LocalResend.USER_CONTEXT_KEY, new LocalResend(cluster.minimumClusterSize()));
        return config;
    }

    public static HazelcastInstance start(Config config) {
        return Hazelcast.newHazelcastInstance(config);
    }
}
