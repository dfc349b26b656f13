package dev.countd.core.counter;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import dev.countd.core.counter.CounterRules.Transition;

import java.util.Map;

/**
 * The only writer of counter state. Runs on the partition owner, where Hazelcast serialises all
 * operations on one key, so read, decide and write form one atomic, linearizable step.
 * Backups receive the decided state rather than re-running the rules, so they never diverge
 * (the rules read the clock).
 * <p>
 * Hazelcast runs a caller's own object when the caller is on the owner, and a copy read from the wire
 * ({@link #received}) when it is on another member. The copy may be sent again after it was applied, the caller's
 * own object only as {@link LocalResend} describes; its server id is remembered only then.
 */
public final class CounterMutationProcessor
        implements EntryProcessor<String, Counter, MutationResult>, HazelcastInstanceAware {

    private final MutationRequest request;
    private final boolean received;
    private transient Transition transition;
    private transient Counter stored;
    private transient CounterTransitionHook hook = CounterTransitionHook.NONE;
    private transient CounterChangeListener listener = CounterChangeListener.NONE;
    private transient int member = MemberTag.UNKNOWN;
    private transient boolean mayBeResent = true;

    /** A processor for this member's own call. */
    public CounterMutationProcessor(MutationRequest request) {
        this(request, false);
    }

    private CounterMutationProcessor(MutationRequest request, boolean received) {
        this.request = request;
        this.received = received;
    }

    /** A processor read from another member's call (its serializer's path). */
    public static CounterMutationProcessor received(MutationRequest request) {
        return new CounterMutationProcessor(request, true);
    }

    public MutationRequest request() {
        return request;
    }

    @Override
    public MutationResult process(Map.Entry<String, Counter> entry) {
        CounterId id = CounterId.fromKey(entry.getKey());
        Counter before = Counter.identified(id, entry.getValue());
        long now = System.currentTimeMillis();
        transition = CounterRules.apply(id, before, request, now, member, mayBeResent);
        if (transition.remove()) {
            entry.setValue(null);
        } else if (transition.newState() != null) {
            stored = hook.amend(id, before, transition.newState().withAlertStateOf(before), now);
            entry.setValue(stored.asMapValue());
        }
        if (transition.writes() && transition.result().changedState()) {
            listener.onChange(new CounterChange(id, request.operation().kind(), before, stored, now));
        }
        return transition.result().forCaller();
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance instance) {
        Object registered = instance.getUserContext().get(CounterChangeListener.USER_CONTEXT_KEY);
        listener = registered instanceof CounterChangeListener l ? l : CounterChangeListener.NONE;
        hook = CounterTransitionHook.of(instance);
        member = MemberTag.of(instance);
        mayBeResent = received || LocalResend.possible(instance);
    }

    @Override
    public EntryProcessor<String, Counter, MutationResult> getBackupProcessor() {
        if (transition == null || !transition.writes()) {
            return null;
        }
        return new ReplaceCounterProcessor(transition.remove() ? null : stored.asMapValue());
    }
}
