package dev.countd.core.counter;

import com.hazelcast.map.EntryProcessor;
import dev.countd.core.counter.CounterRules.Transition;

import java.util.Map;

/**
 * The only writer of counter state. Runs on the partition owner, where Hazelcast serialises all
 * operations on one key, so read, decide and write form one atomic, linearizable step.
 * Backups receive the decided state rather than re-running the rules, so they never diverge
 * (the rules read the clock).
 */
public final class CounterMutationProcessor implements EntryProcessor<String, Counter, MutationResult> {

    private final MutationRequest request;
    private transient Transition transition;

    public CounterMutationProcessor(MutationRequest request) {
        this.request = request;
    }

    public MutationRequest request() {
        return request;
    }

    @Override
    public MutationResult process(Map.Entry<String, Counter> entry) {
        CounterId id = CounterId.fromKey(entry.getKey());
        transition = CounterRules.apply(id, entry.getValue(), request, System.currentTimeMillis());
        if (transition.remove()) {
            entry.setValue(null);
        } else if (transition.newState() != null) {
            entry.setValue(transition.newState());
        }
        return transition.result();
    }

    @Override
    public EntryProcessor<String, Counter, MutationResult> getBackupProcessor() {
        if (transition == null || !transition.writes()) {
            return null;
        }
        return new ReplaceCounterProcessor(transition.remove() ? null : transition.newState());
    }
}
