package dev.countd.core.apikey;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.NearCacheConfig;

/**
 * The {@code api-keys} map: written through to {@link ApiKeyMapStore}, loaded eagerly, and
 * near-cached on every member so a lookup is a local read. Invalidations are sent at once (not
 * batched), so a revocation reaches every member's near cache within milliseconds.
 */
public final class ApiKeyCluster {

    public static final String API_KEYS_MAP = "api-keys";

    private ApiKeyCluster() {
    }

    public static Config configure(Config config, ApiKeyMapStore store, int backupCount) {
        // Affects only near-cached maps (this one): invalidation events leave at once instead of every 10 s.
        config.setProperty("hazelcast.map.invalidation.batch.enabled", "false");
        NearCacheConfig nearCache = new NearCacheConfig(API_KEYS_MAP)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setCacheLocalEntries(true)
                .setInvalidateOnChange(true)
                .setSerializeKeys(false);
        MapConfig keys = new MapConfig(API_KEYS_MAP)
                .setBackupCount(backupCount)
                .setNearCacheConfig(nearCache)
                .setMapStoreConfig(new MapStoreConfig()
                        .setEnabled(true)
                        .setImplementation(store)
                        .setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER)
                        .setWriteDelaySeconds(0));
        config.addMapConfig(keys);
        return config;
    }
}
