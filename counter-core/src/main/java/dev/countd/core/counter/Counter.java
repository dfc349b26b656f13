package dev.countd.core.counter;

import java.util.List;
import java.util.Map;

/**
 * The stored state of one counter: the value of its IMap entry and of its database row.
 * Immutable: every change produces a new instance that replaces the entry's value.
 *
 * @param createdAt epoch milliseconds
 * @param updatedAt epoch milliseconds
 */
public record Counter(
        String namespace,
        String name,
        long value,
        long min,
        long max,
        long initial,
        OverflowPolicy overflow,
        long version,
        String description,
        Map<String, String> labels,
        long createdAt,
        long updatedAt,
        List<RecordedOp> recentOps) {

    /** Version of the stored layout (Compact schema and table row); bump when fields change meaning. */
    public static final int FORMAT = 2;

    public Counter {
        description = description == null ? "" : description;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        recentOps = recentOps == null ? List.of() : List.copyOf(recentOps);
    }

    /** A counter that remembers no operations. */
    public Counter(String namespace, String name, long value, long min, long max, long initial, OverflowPolicy overflow,
                   long version, String description, Map<String, String> labels, long createdAt, long updatedAt) {
        this(namespace, name, value, min, max, initial, overflow, version, description, labels, createdAt, updatedAt, List.of());
    }

    Counter withRecentOps(List<RecordedOp> ops) {
        return new Counter(namespace, name, value, min, max, initial, overflow, version, description, labels,
                createdAt, updatedAt, ops);
    }

    /** The same counter as it looked when {@code op} was answered (for replays). */
    Counter asOf(RecordedOp op) {
        return new Counter(namespace, name, op.value(), min, max, initial, overflow, op.version(), description, labels,
                createdAt, op.updatedAt(), recentOps);
    }

    public static Counter create(CounterId id, CounterDefaults defaults, long now) {
        return new Counter(id.namespace(), id.name(), defaults.initial(), defaults.min(), defaults.max(),
                defaults.initial(), defaults.overflow(), 0, "", Map.of(), now, now);
    }

    public CounterId id() {
        return new CounterId(namespace, name);
    }

    Counter withValue(long newValue, long now) {
        return new Counter(namespace, name, newValue, min, max, initial, overflow, version + 1,
                description, labels, createdAt, now, recentOps);
    }
}
