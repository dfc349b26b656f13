package dev.countd.core.cluster;

import com.hazelcast.map.EntryProcessor;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.MutationResult;

import java.util.Map;

/**
 * Writes an entry's current state through the MapStore again, unchanged (no version bump, the
 * backups already hold it). Runs on the partition thread, so it never overwrites a newer change.
 */
public final class StoreCurrentCounterProcessor implements EntryProcessor<String, Counter, MutationResult> {

    @Override
    public MutationResult process(Map.Entry<String, Counter> entry) {
        Counter current = entry.getValue();
        if (current != null) {
            entry.setValue(current);
        }
        return null;
    }

    @Override
    public EntryProcessor<String, Counter, MutationResult> getBackupProcessor() {
        return null;
    }
}
