package dev.countd.core.counter;

import java.util.ArrayList;
import java.util.List;

/**
 * The results of one key's operations in a batch, in request order, in a lean form: per operation
 * only what differs (outcome, flags, value, version, updatedAt, detail), plus the few distinct
 * descriptive snapshots of the counter (usually one; a delete followed by a re-creation gives two).
 * A batch of 1,000 increments on one counter thus travels as arrays instead of 1,000 counters.
 *
 * @param snapshots caller-visible counters (no remembered operations, no alert state)
 * @param snapshotOf per operation, the index into {@code snapshots}, or -1 for no counter
 */
public record BatchResults(List<Counter> snapshots, byte[] outcomes, byte[] flags, long[] values, long[] versions,
                           long[] updatedAts, int[] snapshotOf, String[] details) {

    static final byte CLAMPED = 1;
    static final byte REPLAYED = 2;
    private static final MutationOutcome[] OUTCOMES = MutationOutcome.values();

    public int size() {
        return outcomes.length;
    }

    /** The {@code i}-th operation's result, with the counter as it stood after that operation. */
    public MutationResult result(int i) {
        int snapshot = snapshotOf[i];
        Counter counter = snapshot < 0 ? null : at(snapshots.get(snapshot), values[i], versions[i], updatedAts[i]);
        return new MutationResult(OUTCOMES[outcomes[i]], counter, (flags[i] & CLAMPED) != 0, details[i],
                (flags[i] & REPLAYED) != 0);
    }

    static Counter at(Counter c, long value, long version, long updatedAt) {
        return new Counter(c.namespace(), c.name(), value, c.min(), c.max(), c.initial(), c.overflow(), version,
                c.description(), c.labels(), c.createdAt(), updatedAt);
    }

    static Builder builder(int size) {
        return new Builder(size);
    }

    /** Collects results in order; consecutive results of one counter description share a snapshot. */
    static final class Builder {
        private final List<Counter> snapshots = new ArrayList<>(1);
        private final byte[] outcomes;
        private final byte[] flags;
        private final long[] values;
        private final long[] versions;
        private final long[] updatedAts;
        private final int[] snapshotOf;
        private final String[] details;
        private int next;

        private Builder(int size) {
            outcomes = new byte[size];
            flags = new byte[size];
            values = new long[size];
            versions = new long[size];
            updatedAts = new long[size];
            snapshotOf = new int[size];
            details = new String[size];
        }

        Builder add(MutationResult result) {
            return add(result.outcome(), result.counter(), result.clamped(), result.detail(), result.replayed());
        }

        Builder add(MutationOutcome outcome, Counter counter, boolean clamped, String detail, boolean replayed) {
            int i = next++;
            outcomes[i] = (byte) outcome.ordinal();
            flags[i] = (byte) ((clamped ? CLAMPED : 0) | (replayed ? REPLAYED : 0));
            details[i] = detail;
            if (counter == null) {
                snapshotOf[i] = -1;
                return this;
            }
            values[i] = counter.value();
            versions[i] = counter.version();
            updatedAts[i] = counter.updatedAt();
            int last = snapshots.size() - 1;
            if (last < 0 || !sameDescription(snapshots.get(last), counter)) {
                snapshots.add(at(counter, counter.value(), counter.version(), counter.updatedAt()));
                last++;
            }
            snapshotOf[i] = last;
            return this;
        }

        BatchResults build() {
            if (next != outcomes.length) {
                throw new IllegalStateException("expected " + outcomes.length + " results, got " + next);
            }
            return new BatchResults(List.copyOf(snapshots), outcomes, flags, values, versions, updatedAts, snapshotOf, details);
        }

        private static boolean sameDescription(Counter a, Counter b) {
            return a == b || (a.namespace().equals(b.namespace()) && a.name().equals(b.name()) && a.min() == b.min()
                    && a.max() == b.max() && a.initial() == b.initial() && a.overflow() == b.overflow()
                    && a.createdAt() == b.createdAt() && a.description().equals(b.description())
                    && a.labels().equals(b.labels()));
        }
    }
}
