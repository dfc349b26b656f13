package dev.countd.core.counter;

/**
 * Asked before every counter mutation; throws to refuse it (e.g. Hazelcast's
 * {@code SplitBrainProtectionException} when this member is on the minority side of a split).
 */
@FunctionalInterface
public interface CounterWriteGuard {

    CounterWriteGuard OPEN = () -> {
    };

    void ensureWritable();
}
