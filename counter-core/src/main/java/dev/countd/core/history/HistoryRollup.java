package dev.countd.core.history;

import dev.countd.core.counter.CounterId;
import dev.countd.core.history.HistoryStore.BucketRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Rolls minutes up to hours and hours up to days, and prunes each resolution past its retention.
 * A coarser bucket is recomputed whole from the finer ones (never added to), so a run is idempotent
 * and safe to repeat; each run also recomputes the last completed bucket, to take in late flushes.
 * Pruning never deletes finer buckets that have not been rolled up yet.
 */
public final class HistoryRollup {

    private final HistoryStore store;
    private final HistorySettings settings;

    public HistoryRollup(HistoryStore store, HistorySettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** Rolls up everything complete at {@code now} (epoch ms). */
    public void rollUp(long now) {
        rollUp(HistoryStep.HOUR, HistoryStep.HOUR.floor(now - settings.rollupGrace().toMillis()));
        rollUp(HistoryStep.DAY, HistoryStep.DAY.floor(store.rolledUntil(HistoryStep.HOUR)));
    }

    /** Deletes what the retention settings no longer keep at {@code now}; answers the rows deleted. */
    public int prune(long now) {
        int deleted = store.prune(HistoryStep.MINUTE, Math.min(now - settings.minuteRetention().toMillis(),
                store.rolledUntil(HistoryStep.HOUR)));
        deleted += store.prune(HistoryStep.HOUR, Math.min(now - settings.hourRetention().toMillis(),
                store.rolledUntil(HistoryStep.DAY)));
        if (settings.dayRetention() != null) {
            deleted += store.prune(HistoryStep.DAY, now - settings.dayRetention().toMillis());
        }
        return deleted;
    }

    private void rollUp(HistoryStep step, long completeUntil) {
        long rolled = store.rolledUntil(step);
        long start;
        if (rolled > 0) {
            start = rolled - step.millis();
        } else {
            OptionalLong earliest = store.earliest(step.finer());
            if (earliest.isEmpty()) {
                return;
            }
            start = step.floor(earliest.getAsLong());
        }
        for (long window = start; window < completeUntil; window += step.millis()) {
            store.replace(step, aggregate(step, window));
            if (window + step.millis() > rolled) {
                store.setRolledUntil(step, window + step.millis());
            }
        }
    }

    private List<BucketRow> aggregate(HistoryStep step, long window) {
        Map<CounterId, HistoryBucket> buckets = new HashMap<>();
        store.forEachInRange(step.finer(), window, window + step.millis(),
                (id, finer) -> buckets.merge(id, finer.at(window), HistoryBucket::merge));
        List<BucketRow> rolled = new ArrayList<>(buckets.size());
        buckets.forEach((id, bucket) -> rolled.add(new BucketRow(id, bucket)));
        return rolled;
    }
}
