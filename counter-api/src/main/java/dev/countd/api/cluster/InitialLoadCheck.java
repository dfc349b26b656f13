package dev.countd.api.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.countd.core.cluster.ClusterSettings;
import org.jdbi.v3.core.Jdbi;

/**
 * Refuses start-up when an eager map load came back short. Hazelcast only logs a failed initial load
 * (say the database dropped between the migrations and the load) and goes on with what it has, and it
 * does not load again: API keys would all be unknown (a miss there is an unknown key), alert rules
 * absent, and counter listings short until the next restart. A member that joins nobody loaded its
 * maps itself, from a database nobody else writes while it starts, so each map must hold every row of
 * its table. A member that joins others may find its maps loaded long ago and changed since: no check.
 */
public final class InitialLoadCheck {

    private final Jdbi jdbi;
    private final HazelcastInstance hazelcast;
    private final boolean enabled;

    private InitialLoadCheck(Jdbi jdbi, HazelcastInstance hazelcast, boolean enabled) {
        this.jdbi = jdbi;
        this.hazelcast = hazelcast;
        this.enabled = enabled;
    }

    public static InitialLoadCheck of(ClusterSettings cluster, Jdbi jdbi, HazelcastInstance hazelcast) {
        return new InitialLoadCheck(jdbi, hazelcast, !cluster.joinsOthers());
    }

    /**
     * Stops the member and throws when {@code map} holds fewer entries than {@code table} has rows.
     *
     * @param table one of the schema's own table names (it goes into the SQL as it is)
     */
    public <K, V> IMap<K, V> requireComplete(String table, IMap<K, V> map) {
        if (!enabled) {
            return map;
        }
        long stored = jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
        int loaded = map.size();
        if (loaded < stored) {
            hazelcast.shutdown();
            throw new IllegalStateException("the initial load of the map " + map.getName() + " brought " + loaded
                    + " of the " + stored + " rows of " + table + " (the log above says why); not starting with a partial map");
        }
        return map;
    }
}
