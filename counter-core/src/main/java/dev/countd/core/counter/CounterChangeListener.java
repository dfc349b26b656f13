package dev.countd.core.counter;

/**
 * Observes every applied counter change on the member that owns the counter's partition, from
 * inside the entry processor (so it sees changes in their exact order per counter).
 * Implementations must be fast and never block or do I/O: they run on a partition thread.
 * A member registers its listener in the Hazelcast user context under {@link #USER_CONTEXT_KEY}.
 */
@FunctionalInterface
public interface CounterChangeListener {

    String USER_CONTEXT_KEY = "countd.counterChangeListener";

    CounterChangeListener NONE = change -> {
    };

    void onChange(CounterChange change);
}
