package dev.countd.api.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.dropwizard.lifecycle.Managed;

/**
 * Stops the member after Jetty has drained: pending write-behind changes are flushed first, then
 * the member leaves gracefully so its partitions (and their backups) migrate without loss.
 */
public class HazelcastLifecycle implements Managed {

    private final HazelcastInstance instance;
    private final IMap<?, ?> flushOnStop;

    public HazelcastLifecycle(HazelcastInstance instance, IMap<?, ?> flushOnStop) {
        this.instance = instance;
        this.flushOnStop = flushOnStop;
    }

    @Override
    public void stop() {
        if (instance.getLifecycleService().isRunning()) {
            flushOnStop.flush();
            instance.shutdown();
        }
    }
}
