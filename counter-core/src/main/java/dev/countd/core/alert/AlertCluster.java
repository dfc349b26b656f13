package dev.countd.core.alert;

import com.hazelcast.config.Config;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import dev.countd.core.counter.CounterTransitionHook;

/**
 * Adds the {@code alert-rules} map (written through to {@link AlertRuleMapStore}, loaded eagerly) and
 * registers the member's {@link ThresholdDetector} in the user context, where the counter processors find it.
 */
public final class AlertCluster {

    public static final String RULES_MAP = "alert-rules";

    private AlertCluster() {
    }

    public static Config configure(Config config, AlertRuleMapStore store, int backupCount, AlertRuleIndex index) {
        config.addMapConfig(new MapConfig(RULES_MAP)
                .setBackupCount(backupCount)
                .setMapStoreConfig(new MapStoreConfig()
                        .setEnabled(true)
                        .setImplementation(store)
                        .setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER)
                        .setWriteDelaySeconds(0)));
        config.getUserContext().put(CounterTransitionHook.USER_CONTEXT_KEY, new ThresholdDetector(index));
        return config;
    }
}
