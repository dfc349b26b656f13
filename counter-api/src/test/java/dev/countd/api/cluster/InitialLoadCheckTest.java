package dev.countd.api.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapLoader;
import dev.countd.core.cluster.ClusterSettings;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real member whose map loads eagerly from an H2 table; the database can fail during that load. */
class InitialLoadCheckTest {

    private final Jdbi jdbi = database();
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private HazelcastInstance member;

    @AfterEach
    void stop() {
        member.getLifecycleService().terminate();
    }

    @Test
    void aCompleteLoadPasses() {
        member = Hazelcast.newHazelcastInstance(memberConfig());
        IMap<String, String> things = member.getMap("things");

        assertThat((Object) InitialLoadCheck.of(ClusterSettings.standalone("c"), jdbi, member).requireComplete("things", things))
                .isSameAs(things);
        assertThat(things.size()).isEqualTo(3);
        assertThat(member.getLifecycleService().isRunning()).isTrue();
    }

    @Test
    void aLoadThatFailedStopsTheMemberAndStartUp() {
        databaseDown.set(true);
        member = Hazelcast.newHazelcastInstance(memberConfig());
        IMap<String, String> things = member.getMap("things"); // Hazelcast logs the failure and returns an empty map
        databaseDown.set(false);

        assertThatThrownBy(() -> InitialLoadCheck.of(ClusterSettings.standalone("c"), jdbi, member).requireComplete("things", things))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("brought 0 of the 3 rows of things");
        assertThat(member.getLifecycleService().isRunning()).isFalse();
    }

    @Test
    void aMemberThatJoinsOthersIsNotChecked() {
        databaseDown.set(true);
        member = Hazelcast.newHazelcastInstance(memberConfig());
        IMap<String, String> things = member.getMap("things");
        ClusterSettings joining = new ClusterSettings("c", "127.0.0.1", 5701, List.of("127.0.0.1:5702"), false, 1);

        assertThat((Object) InitialLoadCheck.of(joining, jdbi, member).requireComplete("things", things)).isSameAs(things);
        assertThat(member.getLifecycleService().isRunning()).isTrue();
    }

    private Config memberConfig() {
        Config config = new Config().setClusterName("initial-load-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(5701).setPortAutoIncrement(true).getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getMapConfig("things").setMapStoreConfig(new MapStoreConfig().setEnabled(true)
                .setImplementation(new TableLoader()).setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER));
        return config;
    }

    private static Jdbi database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:initial-load-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.useHandle(handle -> {
            handle.execute("CREATE TABLE things (id VARCHAR(10) PRIMARY KEY, v VARCHAR(10))");
            handle.execute("INSERT INTO things VALUES ('a', '1'), ('b', '2'), ('c', '3')");
        });
        return jdbi;
    }

    /** Reads the table, or fails while the database is "down". */
    private final class TableLoader implements MapLoader<String, String> {
        @Override
        public String load(String key) {
            return loadAll(List.of(key)).get(key);
        }

        @Override
        public Map<String, String> loadAll(Collection<String> keys) {
            requireUp();
            Map<String, String> found = new HashMap<>();
            jdbi.useHandle(handle -> handle.createQuery("SELECT id, v FROM things WHERE id IN (<ids>)").bindList("ids", List.copyOf(keys))
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).forEach(e -> found.put(e.getKey(), e.getValue())));
            return found;
        }

        @Override
        public Iterable<String> loadAllKeys() {
            requireUp();
            return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM things").mapTo(String.class).list());
        }

        private void requireUp() {
            if (databaseDown.get()) {
                throw new IllegalStateException("database is down");
            }
        }
    }
}
