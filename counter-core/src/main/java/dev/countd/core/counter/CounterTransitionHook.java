package dev.countd.core.counter;

/**
 * Amends the state an entry processor is about to store, on the partition owner and inside the
 * same atomic step (threshold detection uses it to append crossing events to the entry itself).
 * Implementations must be fast, pure apart from member-local reads, and never block or do I/O.
 * A member registers its hook in the Hazelcast user context under {@link #USER_CONTEXT_KEY}.
 */
@FunctionalInterface
public interface CounterTransitionHook {

    String USER_CONTEXT_KEY = "countd.counterTransitionHook";

    CounterTransitionHook NONE = (id, before, after, now) -> after;

    /**
     * @param before the stored state before the change, null when the change creates the counter
     * @param after  the decided new state (never null), already carrying {@code before}'s alert state
     * @return the state to store instead
     */
    Counter amend(CounterId id, Counter before, Counter after, long now);

    static CounterTransitionHook of(com.hazelcast.core.HazelcastInstance instance) {
        Object registered = instance.getUserContext().get(USER_CONTEXT_KEY);
        return registered instanceof CounterTransitionHook hook ? hook : NONE;
    }
}
