package dev.countd.core.counter;

import dev.countd.core.alert.AlertEvent;

import java.util.List;
import java.util.Map;

/**
 * The stored state of one counter: the value of its IMap entry and of its database row.
 * Immutable: every change produces a new instance that replaces the entry's value.
 * <p>
 * A value read straight from the IMap has null {@code namespace} and {@code name}: the in-memory form
 * ({@code dev.countd.core.cluster.CounterCodec}) does not repeat its key. Whoever reads an entry gives it its
 * identity back with {@link #identified}.
 *
 * @param createdAt epoch milliseconds
 * @param updatedAt epoch milliseconds
 * @param alertDisarmed threshold rules (keys {@code ruleId:UP} / {@code ruleId:DOWN}) waiting to re-arm after a
 *                      crossing, because of their hysteresis
 * @param outbox threshold-crossing events decided with a change of this counter and not yet confirmed in the
 *               durable event table (see {@code dev.countd.core.alert})
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
        List<RecordedOp> recentOps,
        List<String> alertDisarmed,
        List<AlertEvent> outbox) {

    /** Version of the database row's layout; bump when columns change meaning. (The in-memory form has its own.) */
    public static final int FORMAT = 2;

    public Counter {
        description = description == null ? "" : description;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        recentOps = recentOps == null ? List.of() : List.copyOf(recentOps);
        alertDisarmed = alertDisarmed == null ? List.of() : List.copyOf(alertDisarmed);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    /** A counter without alert state. */
    public Counter(String namespace, String name, long value, long min, long max, long initial, OverflowPolicy overflow,
                   long version, String description, Map<String, String> labels, long createdAt, long updatedAt,
                   List<RecordedOp> recentOps) {
        this(namespace, name, value, min, max, initial, overflow, version, description, labels, createdAt, updatedAt,
                recentOps, List.of(), List.of());
    }

    /** A counter that remembers no operations. */
    public Counter(String namespace, String name, long value, long min, long max, long initial, OverflowPolicy overflow,
                   long version, String description, Map<String, String> labels, long createdAt, long updatedAt) {
        this(namespace, name, value, min, max, initial, overflow, version, description, labels, createdAt, updatedAt, List.of());
    }

    Counter withRecentOps(List<RecordedOp> ops) {
        return new Counter(namespace, name, value, min, max, initial, overflow, version, description, labels,
                createdAt, updatedAt, ops, alertDisarmed, outbox);
    }

    /** This state with the alert state of {@code previous} (null: unchanged), for rules that build a fresh state. */
    public Counter withAlertStateOf(Counter previous) {
        if (previous == null || (previous.alertDisarmed.equals(alertDisarmed) && previous.outbox.equals(outbox))) {
            return this;
        }
        return withAlertState(previous.alertDisarmed, previous.outbox);
    }

    public Counter withAlertState(List<String> disarmed, List<AlertEvent> events) {
        return new Counter(namespace, name, value, min, max, initial, overflow, version, description, labels,
                createdAt, updatedAt, recentOps, disarmed, events);
    }

    /** What a caller sees: no remembered operations, no alert state. */
    Counter withoutMemory() {
        return new Counter(namespace, name, value, min, max, initial, overflow, version, description, labels,
                createdAt, updatedAt);
    }

    /** The same counter as it looked when {@code op} was answered (for replays). */
    Counter asOf(RecordedOp op) {
        return new Counter(namespace, name, op.value(), min, max, initial, overflow, op.version(), description, labels,
                createdAt, op.updatedAt(), recentOps, alertDisarmed, outbox);
    }

    public static Counter create(CounterId id, CounterDefaults defaults, long now) {
        return new Counter(id.namespace(), id.name(), defaults.initial(), defaults.min(), defaults.max(),
                defaults.initial(), defaults.overflow(), 0, "", Map.of(), now, now);
    }

    /** {@code stored} (a map value, or null) under the identity of its key. */
    public static Counter identified(CounterId id, Counter stored) {
        if (stored == null || (id.namespace().equals(stored.namespace) && id.name().equals(stored.name))) {
            return stored;
        }
        return new Counter(id.namespace(), id.name(), stored.value, stored.min, stored.max, stored.initial,
                stored.overflow, stored.version, stored.description, stored.labels, stored.createdAt, stored.updatedAt,
                stored.recentOps, stored.alertDisarmed, stored.outbox);
    }

    /** @see #identified(CounterId, Counter) */
    public static Counter identified(String key, Counter stored) {
        return stored == null ? null : identified(CounterId.fromKey(key), stored);
    }

    /**
     * This state as the entry's value: without namespace and name, which the entry's key carries. The owner's
     * write-behind queue keeps the value it is given until the store; an identified one would keep the two strings
     * decoded from the key alive with it, for G1's young pauses to copy.
     */
    public Counter asMapValue() {
        if (namespace == null && name == null) {
            return this;
        }
        return new Counter(null, null, value, min, max, initial, overflow, version, description, labels, createdAt,
                updatedAt, recentOps, alertDisarmed, outbox);
    }

    public CounterId id() {
        return new CounterId(namespace, name);
    }

    Counter withValue(long newValue, long now) {
        return new Counter(namespace, name, newValue, min, max, initial, overflow, version + 1,
                description, labels, createdAt, now, recentOps, alertDisarmed, outbox);
    }
}
