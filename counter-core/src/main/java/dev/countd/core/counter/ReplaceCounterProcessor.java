package dev.countd.core.counter;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/** Backup side of {@link CounterMutationProcessor}: stores the state the primary decided (null removes). */
public final class ReplaceCounterProcessor implements EntryProcessor<String, Counter, MutationResult> {

    private final Counter state;

    public ReplaceCounterProcessor(Counter state) {
        this.state = state;
    }

    public Counter state() {
        return state;
    }

    @Override
    public MutationResult process(Map.Entry<String, Counter> entry) {
        entry.setValue(state);
        return null;
    }

    @Override
    public EntryProcessor<String, Counter, MutationResult> getBackupProcessor() {
        return null;
    }
}
