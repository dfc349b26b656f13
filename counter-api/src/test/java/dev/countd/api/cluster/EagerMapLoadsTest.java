package dev.countd.api.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.map.MapLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real standalone member whose maps load eagerly from a MapLoader. */
class EagerMapLoadsTest {

    private HazelcastInstance member;

    @AfterEach
    void stop() {
        member.getLifecycleService().terminate();
    }

    @Test
    void everyMapIsLoadedWhenItReturns() {
        member = Hazelcast.newHazelcastInstance(standalone(Map.of(
                "first", new Rows(Map.of("a", "1", "b", "2")), "second", new Rows(Map.of("c", "3")))));

        EagerMapLoads.load(member, "first", "second");

        assertThat(member.getMap("first").getLocalMapStats().getOwnedEntryCount()).isEqualTo(2);
        assertThat(member.getMap("second").getLocalMapStats().getOwnedEntryCount()).isEqualTo(1);
        assertThat(member.getMap("first").get("b")).isEqualTo("2");
    }

    @Test
    void aFailureToCreateAMapFailsTheCallWithItsOwnException() {
        member = Hazelcast.newHazelcastInstance(standalone(Map.of("first", new Rows(Map.of("a", "1")))));
        member.getLifecycleService().terminate();

        assertThatThrownBy(() -> EagerMapLoads.load(member, "first", "second"))
                .isInstanceOf(HazelcastInstanceNotActiveException.class);
    }

    private static Config standalone(Map<String, MapLoader<String, String>> loaders) {
        Config config = new Config().setClusterName("eager-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(5701).setPortAutoIncrement(true).getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        loaders.forEach((name, loader) -> config.getMapConfig(name).setMapStoreConfig(new MapStoreConfig()
                .setEnabled(true).setImplementation(loader).setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER)));
        return config;
    }

    private record Rows(Map<String, String> rows) implements MapLoader<String, String> {
        @Override
        public String load(String key) {
            return rows.get(key);
        }

        @Override
        public Map<String, String> loadAll(Collection<String> keys) {
            Map<String, String> found = new HashMap<>();
            keys.forEach(key -> found.put(key, rows.get(key)));
            return found;
        }

        @Override
        public Iterable<String> loadAllKeys() {
            return Set.copyOf(rows.keySet());
        }
    }
}
