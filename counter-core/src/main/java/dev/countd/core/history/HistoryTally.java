package dev.countd.core.history;

import dev.countd.core.counter.CounterId;

import java.util.ArrayList;
import java.util.List;

/**
 * This member's unflushed history of one counter, updated in place. A change to the minute already being counted
 * allocates no history objects, and a busy counter keeps its tally from one flush to the next: it ages into the old generation
 * instead of being copied by every young collection as a fresh record per change would be. Not thread-safe: the
 * {@link HistoryRecorder} guards each tally with its monitor.
 */
final class HistoryTally {

    private final CounterId id;
    /** The counter was deleted since the last flush: its stored rows go before these minutes are written. */
    private boolean deleted;
    /** Minutes other than the current one (a flush interval that spans a minute's end, a failed flush put back). */
    private final List<HistoryBucket> otherMinutes = new ArrayList<>(2);
    private boolean counting;
    private long start;
    private long value;
    private long increments;
    private long decrements;
    private long ops;
    private long version;
    private long at;
    /** Taken out of the recorder's map: a change that finds it must look the counter up again. */
    boolean retired;

    HistoryTally(CounterId id) {
        this.id = id;
    }

    /** One applied change from {@code before} to {@code after}, in the minute starting at {@code minute}. */
    void add(long minute, long before, long after, long changeVersion, long changeAt) {
        if (!counting) {
            counting = true;
            start = minute;
            value = after;
            increments = 0;
            decrements = 0;
            ops = 0;
            version = changeVersion;
            at = changeAt;
        } else if (minute != start) {
            merge(HistoryBucket.ofChange(minute, before, after, changeVersion, changeAt));
            return;
        } else if (changeVersion != version ? changeVersion > version : changeAt >= at) {
            // the same rule as HistoryBucket.merge: the newer change's value wins
            value = after;
            version = changeVersion;
            at = changeAt;
        }
        if (after >= before) {
            increments = HistoryBucket.add(increments, HistoryBucket.difference(after, before));
        } else {
            decrements = HistoryBucket.add(decrements, HistoryBucket.difference(before, after));
        }
        ops = HistoryBucket.add(ops, 1);
    }

    /** The counter was deleted: what was pending belongs to the counter before it and is dropped. */
    void delete() {
        deleted = true;
        otherMinutes.clear();
        counting = false;
    }

    /** Puts back {@code older} (a failed flush) ahead of what this tally counted since; a deletion since wins. */
    void restoreBefore(PendingHistory older) {
        if (deleted) {
            return;
        }
        deleted = older.deleted();
        older.minutes().forEach(this::merge);
    }

    boolean isEmpty() {
        return !deleted && !counting && otherMinutes.isEmpty();
    }

    PendingHistory snapshot() {
        List<HistoryBucket> minutes = new ArrayList<>(otherMinutes.size() + 1);
        minutes.addAll(otherMinutes);
        if (counting) {
            minutes.add(current());
        }
        return new PendingHistory(id, deleted, minutes);
    }

    /** Everything counted so far, leaving the tally empty for the next flush. */
    PendingHistory drain() {
        PendingHistory drained = snapshot();
        deleted = false;
        otherMinutes.clear();
        counting = false;
        return drained;
    }

    /** A whole bucket into its minute: the current one becomes an earlier minute when a later one starts. */
    private void merge(HistoryBucket bucket) {
        if (counting && bucket.start() == start) {
            count(current().merge(bucket));
            return;
        }
        for (int i = 0; i < otherMinutes.size(); i++) {
            if (otherMinutes.get(i).start() == bucket.start()) {
                otherMinutes.set(i, otherMinutes.get(i).merge(bucket));
                return;
            }
        }
        if (counting && bucket.start() < start) {
            otherMinutes.add(bucket);
            return;
        }
        if (counting) {
            otherMinutes.add(current());
        }
        count(bucket);
    }

    /** Makes {@code bucket} the minute being counted. */
    private void count(HistoryBucket bucket) {
        counting = true;
        start = bucket.start();
        value = bucket.value();
        increments = bucket.increments();
        decrements = bucket.decrements();
        ops = bucket.ops();
        version = bucket.version();
        at = bucket.at();
    }

    private HistoryBucket current() {
        return new HistoryBucket(start, value, increments, decrements, ops, version, at);
    }
}
