package dev.countd.core.history;

/**
 * Activity of one counter in one bucket.
 *
 * @param start      bucket start, epoch milliseconds
 * @param value      the counter's value after the last change in the bucket
 * @param increments sum of the positive deltas (saturating at 2^63-1)
 * @param decrements sum of the magnitudes of the negative deltas (saturating)
 * @param ops        number of applied changes
 * @param version    counter version of the change that left {@code value}: the newest wins a merge
 * @param at         epoch milliseconds of that change (tie-breaker)
 */
public record HistoryBucket(long start, long value, long increments, long decrements, long ops,
                            long version, long at) {

    /** One change from {@code before} to {@code after}. */
    static HistoryBucket ofChange(long start, long before, long after, long version, long at) {
        long increments = after >= before ? difference(after, before) : 0;
        long decrements = after < before ? difference(before, after) : 0;
        return new HistoryBucket(start, after, increments, decrements, 1, version, at);
    }

    /** Both buckets together: sums add up, the value of the newer change wins. */
    HistoryBucket merge(HistoryBucket other) {
        HistoryBucket newer = other.isNewerThan(this) ? other : this;
        return new HistoryBucket(start, newer.value, add(increments, other.increments), add(decrements, other.decrements),
                add(ops, other.ops), newer.version, newer.at);
    }

    /** This bucket moved to the coarser bucket starting at {@code coarserStart}. */
    HistoryBucket at(long coarserStart) {
        return new HistoryBucket(coarserStart, value, increments, decrements, ops, version, at);
    }

    boolean isNewerThan(HistoryBucket other) {
        return version != other.version ? version > other.version : at >= other.at;
    }

    static long add(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** {@code high - low} for {@code high >= low}, saturating when the distance exceeds 2^63-1. */
    static long difference(long high, long low) {
        long d = high - low;
        return d < 0 ? Long.MAX_VALUE : d;
    }
}
