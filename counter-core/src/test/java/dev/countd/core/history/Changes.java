package dev.countd.core.history;

import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterChange;
import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.OverflowPolicy;

import java.util.Map;

/** Builds the changes the entry processor would report, at chosen times. */
final class Changes {

    private Changes() {
    }

    static Counter state(CounterId id, long value, long version, long at) {
        return new Counter(id.namespace(), id.name(), value, Long.MIN_VALUE, Long.MAX_VALUE, 0, OverflowPolicy.REJECT,
                version, "", Map.of(), 0, at);
    }

    /** A change from {@code before} (null: creation) to {@code after} with the given resulting version. */
    static CounterChange change(CounterId id, Long before, long after, long version, long at) {
        return new CounterChange(id, "upsert", before == null ? null : state(id, before, version - 1, at),
                state(id, after, version, at), at);
    }

    static CounterChange deletion(CounterId id, long value, long version, long at) {
        return new CounterChange(id, "delete", state(id, value, version, at), null, at);
    }
}
