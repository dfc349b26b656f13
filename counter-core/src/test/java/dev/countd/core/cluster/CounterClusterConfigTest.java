package dev.countd.core.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import com.hazelcast.internal.serialization.impl.HeapData;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterDefaults;
import dev.countd.core.counter.CounterId;
import dev.countd.core.storage.CounterMapStore;
import dev.countd.core.storage.PersistenceMode;
import dev.countd.core.storage.PersistenceSettings;
import dev.countd.core.storage.SqlDialect;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CounterClusterConfigTest {

    private static final PersistenceSettings THROUGH = new PersistenceSettings(PersistenceMode.WRITE_THROUGH, 1, 500);
    private static final ClusterSettings.KubernetesDiscovery OFF = ClusterSettings.KubernetesDiscovery.OFF;

    private static Config config(ClusterSettings settings) {
        // Jdbi connects lazily: building the config never touches this database.
        return CounterCluster.config(settings, THROUGH,
                new CounterMapStore(Jdbi.create("jdbc:h2:mem:unused"), SqlDialect.H2, CounterMapStore.StoreTimer.NONE));
    }

    @Test
    void standaloneMemberJoinsNobody() {
        JoinConfig join = config(ClusterSettings.standalone("c")).getNetworkConfig().getJoin();
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    }

    @Test
    void memberListTurnsOnTcpIpJoin() {
        Config config = config(new ClusterSettings("c", "10.0.0.5", 5701, List.of("10.0.0.5:5701", "10.0.0.6:5701"),
                false, OFF, 1, 1));
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isTrue();
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .containsExactly("10.0.0.5:5701", "10.0.0.6:5701");
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("10.0.0.5");
    }

    @Test
    void kubernetesDiscoveryByServiceNameUsesTheApi() {
        Config config = config(new ClusterSettings("c", "10.1.*.*", 5701, List.of(), false,
                new ClusterSettings.KubernetesDiscovery("countd-hazelcast", "prod", ""), 1, 1));
        var kubernetes = config.getNetworkConfig().getJoin().getKubernetesConfig();
        assertThat(kubernetes.isEnabled()).isTrue();
        assertThat(kubernetes.getProperty("service-name")).isEqualTo("countd-hazelcast");
        assertThat(kubernetes.getProperty("namespace")).isEqualTo("prod");
        assertThat(kubernetes.getProperty("service-dns")).isNull();
    }

    @Test
    void kubernetesDiscoveryByDnsNeedsNoServiceName() {
        Config config = config(new ClusterSettings("c", "10.1.*.*", 5701, List.of(), false,
                new ClusterSettings.KubernetesDiscovery("", "", "countd-hazelcast.prod.svc.cluster.local"), 1, 1));
        var kubernetes = config.getNetworkConfig().getJoin().getKubernetesConfig();
        assertThat(kubernetes.getProperty("service-dns")).isEqualTo("countd-hazelcast.prod.svc.cluster.local");
        assertThat(kubernetes.getProperty("service-name")).isNull();
    }

    @Test
    void twoWaysToJoinAreRefused() {
        assertThatThrownBy(() -> new ClusterSettings("c", "127.0.0.1", 5701, List.of("127.0.0.1:5702"), true, OFF, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one way to join");
    }

    @Test
    void minimumClusterSizeProtectsCounterWrites() {
        Config config = config(new ClusterSettings("c", "127.0.0.1", 5701, List.of("127.0.0.1:5702"), false, OFF, 1, 2));
        SplitBrainProtectionConfig protection = config.getSplitBrainProtectionConfig(CounterCluster.WRITE_PROTECTION);
        assertThat(protection.isEnabled()).isTrue();
        assertThat(protection.getMinimumClusterSize()).isEqualTo(2);
        assertThat(protection.getProtectOn()).isEqualTo(SplitBrainProtectionOn.WRITE);
    }

    @Test
    void minimumClusterSizeOfOneLeavesWritesUnprotected() {
        Config config = config(ClusterSettings.standalone("c"));
        assertThat(config.getSplitBrainProtectionConfigs()).doesNotContainKey(CounterCluster.WRITE_PROTECTION);
    }

    @Test
    void countersMergeWithTheCounterPolicyAndKeepTheConfiguredBackups() {
        Config config = config(new ClusterSettings("c", "127.0.0.1", 5701, List.of(), false, OFF, 2, 1));
        MapConfig counters = config.getMapConfig(CounterCluster.COUNTERS_MAP);
        assertThat(counters.getMergePolicyConfig().getPolicy()).isEqualTo(CounterMergePolicy.class.getName());
        assertThat(counters.getBackupCount()).isEqualTo(2);
    }

    @Test
    void theMapValueIsWrittenInTheConfiguredCounterFormat() {
        Counter counter = Counter.create(new CounterId("default", "c"), CounterDefaults.STANDARD, 1_795_000_000_000L);
        for (int format : new int[] {1, 2, CounterCodec.VERSION}) {
            Config config = config(new ClusterSettings("c", "127.0.0.1", 5701, List.of(), false, OFF, 1, 1, format));
            SerializationService serialization = new DefaultSerializationServiceBuilder()
                    .setConfig(config.getSerializationConfig()).build();
            byte[] data = serialization.toData(counter).toByteArray();
            assertThat(data[HeapData.DATA_OFFSET]).as("version byte of the value in format %d", format).isEqualTo((byte) format);
            assertThat(Counter.identified(counter.id(), serialization.toObject(serialization.toData(counter))))
                    .isEqualTo(counter);
        }
    }

    @Test
    void aCounterFormatThisReleaseCannotWriteIsRefused() {
        assertThatThrownBy(() -> new ClusterSettings("c", "127.0.0.1", 5701, List.of(), false, OFF, 1, 1, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("counter format must be 1 to 3");
    }

    @Test
    void onlyWriteBehindOnAnInProcessDatabaseRunsMapStoreCallsOnThePartitionThreads() {
        CounterMapStore store = new CounterMapStore(Jdbi.create("jdbc:h2:mem:unused"), SqlDialect.H2,
                CounterMapStore.StoreTimer.NONE);
        for (PersistenceMode mode : PersistenceMode.values()) {
            for (boolean inProcess : new boolean[] {true, false}) {
                PersistenceSettings persistence = new PersistenceSettings(mode, 1, 5000, inProcess);
                var mapStore = CounterCluster.config(ClusterSettings.standalone("c"), persistence, store)
                        .getMapConfig(CounterCluster.COUNTERS_MAP).getMapStoreConfig();
                assertThat(mapStore.isOffload()).as("%s, database in process: %s", mode, inProcess)
                        .isEqualTo(mode == PersistenceMode.WRITE_THROUGH || !inProcess);
                assertThat(mapStore.getWriteBatchSize()).isEqualTo(5000);
            }
        }
    }

    @Test
    void everyMemberReconcilesTheDatabaseAfterAMerge() {
        Config config = config(ClusterSettings.standalone("c"));
        assertThat(config.getListenerConfigs()).anyMatch(l -> l.getImplementation() instanceof MergeReconciler);
    }
}
