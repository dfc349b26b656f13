package dev.countd.core.counter;

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
        long updatedAt) {

    /** Version of the stored layout (Compact schema and table row); bump when fields change meaning. */
    public static final int FORMAT = 1;

    public Counter {
        description = description == null ? "" : description;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
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
                description, labels, createdAt, now);
    }
}
