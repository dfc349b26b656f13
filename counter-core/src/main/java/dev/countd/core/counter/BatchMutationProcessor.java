package dev.countd.core.counter;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a batch's operations for its keys (the core sends one key per processor): each key's operations in
 * request order inside one execution for that key ({@link BatchGroup}: one read and one write of the entry),
 * each operation decided on its own exactly like {@link CounterMutationProcessor}.
 * One invocation per counter instead of one per counter operation. Like
 * {@link CounterMutationProcessor}, it remembers server ids only when it was read from another member's call or
 * {@link LocalResend} says so.
 */
public final class BatchMutationProcessor
        implements EntryProcessor<String, Counter, BatchResults>, HazelcastInstanceAware {

    private final Map<String, List<MutationRequest>> requestsByKey;
    private final boolean received;
    private final transient Map<String, Counter> finalStates = new HashMap<>();
    private transient CounterChangeListener listener = CounterChangeListener.NONE;
    private transient CounterTransitionHook hook = CounterTransitionHook.NONE;
    private transient int member = MemberTag.UNKNOWN;
    private transient boolean mayBeResent = true;

    /** A processor for this member's own call. */
    public BatchMutationProcessor(Map<String, List<MutationRequest>> requestsByKey) {
        this(requestsByKey, false);
    }

    private BatchMutationProcessor(Map<String, List<MutationRequest>> requestsByKey, boolean received) {
        this.requestsByKey = requestsByKey;
        this.received = received;
    }

    /** A processor read from another member's call (its serializer's path). */
    public static BatchMutationProcessor received(Map<String, List<MutationRequest>> requestsByKey) {
        return new BatchMutationProcessor(requestsByKey, true);
    }

    public Map<String, List<MutationRequest>> requestsByKey() {
        return requestsByKey;
    }

    @Override
    public BatchResults process(Map.Entry<String, Counter> entry) {
        List<MutationRequest> requests = requestsByKey.getOrDefault(entry.getKey(), List.of());
        CounterId id = CounterId.fromKey(entry.getKey());
        // Stored values carry no namespace/name (the key has them): restore them before the rules see the counter.
        BatchGroup.Applied applied = BatchGroup.apply(id, Counter.identified(id, entry.getValue()), requests,
                System.currentTimeMillis(), member, mayBeResent, hook, listener);
        if (applied.writes()) {
            Counter value = applied.state() == null ? null : applied.state().asMapValue(); // null: the batch deleted it
            entry.setValue(value);
            finalStates.put(entry.getKey(), value);
        }
        return applied.results();
    }

    @Override
    public EntryProcessor<String, Counter, BatchResults> getBackupProcessor() {
        return finalStates.isEmpty() ? null : new ReplaceCountersProcessor(new HashMap<>(finalStates));
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        Object registered = instance.getUserContext().get(CounterChangeListener.USER_CONTEXT_KEY);
        listener = registered instanceof CounterChangeListener l ? l : CounterChangeListener.NONE;
        hook = CounterTransitionHook.of(instance);
        member = MemberTag.of(instance);
        mayBeResent = received || LocalResend.possible(instance);
    }
}
