package dev.countd.core.counter;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/** Backup side of {@link BatchMutationProcessor}: the decided state per key (null removes). */
public final class ReplaceCountersProcessor implements EntryProcessor<String, Counter, BatchResults> {

    private final Map<String, Counter> states;

    public ReplaceCountersProcessor(Map<String, Counter> states) {
        this.states = states;
    }

    public Map<String, Counter> states() {
        return states;
    }

    @Override
    public BatchResults process(Map.Entry<String, Counter> entry) {
        if (states.containsKey(entry.getKey())) {
            entry.setValue(states.get(entry.getKey()));
        }
        return null;
    }

    @Override
    public EntryProcessor<String, Counter, BatchResults> getBackupProcessor() {
        return null;
    }
}
