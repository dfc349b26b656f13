package dev.countd.api.ratelimit;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;
import io.github.bucket4j.grid.hazelcast.HazelcastProxyManager;

import java.time.Duration;

/**
 * The {@code rate-limit-buckets} map that holds every bucket (Bucket4j's entry processors update
 * it on the key's owner, so all members share one budget) and Bucket4j's serializers.
 */
public final class RateLimitCluster {

    public static final String BUCKETS_MAP = "rate-limit-buckets";
    /** First Hazelcast type id of Bucket4j's serializers; ours are Compact, so no clash. */
    static final int SERIALIZER_TYPE_ID_BASE = 10_000;

    private RateLimitCluster() {
    }

    public static Config configure(Config config, int backupCount) {
        HazelcastProxyManager.addCustomSerializers(config.getSerializationConfig(), SERIALIZER_TYPE_ID_BASE);
        config.addMapConfig(new MapConfig(BUCKETS_MAP).setBackupCount(backupCount));
        return config;
    }

    /** Idle buckets expire once refilled to full plus {@code keepWhenFull}. */
    public static ProxyManager<String> buckets(HazelcastInstance hazelcast, Duration keepWhenFull, Duration requestTimeout) {
        return Bucket4jHazelcast.<String>entryProcessorBasedBuilder(hazelcast.getMap(BUCKETS_MAP))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(keepWhenFull))
                .requestTimeout(requestTimeout)
                .build();
    }
}
