package dev.countd.core.history;

import dev.countd.core.counter.CounterId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Unflushed history of one counter on this member.
 *
 * @param deleted true when the counter was deleted since the last flush: its stored rows must go
 *                before these minutes are written
 * @param minutes minute buckets, at most one per bucket start
 */
public record PendingHistory(CounterId id, boolean deleted, List<HistoryBucket> minutes) {

    public PendingHistory {
        minutes = List.copyOf(minutes);
    }

    static PendingHistory deletion(CounterId id) {
        return new PendingHistory(id, true, List.of());
    }

    PendingHistory with(HistoryBucket change) {
        List<HistoryBucket> updated = new ArrayList<>(minutes.size() + 1);
        boolean merged = false;
        for (HistoryBucket bucket : minutes) {
            if (bucket.start() == change.start()) {
                updated.add(bucket.merge(change));
                merged = true;
            } else {
                updated.add(bucket);
            }
        }
        if (!merged) {
            updated.add(change);
        }
        return new PendingHistory(id, deleted, updated);
    }

    /** {@code this} (older, e.g. a failed flush) followed by {@code newer}. */
    PendingHistory followedBy(PendingHistory newer) {
        if (newer.deleted) {
            return newer;
        }
        PendingHistory combined = this;
        for (HistoryBucket bucket : newer.minutes) {
            combined = combined.with(bucket);
        }
        return combined;
    }

    List<HistoryBucket> sortedMinutes() {
        return minutes.stream().sorted(Comparator.comparingLong(HistoryBucket::start)).toList();
    }
}
