package dev.countd.core.history;

import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterChange;
import dev.countd.core.counter.CounterChangeListener;
import dev.countd.core.counter.CounterId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Aggregates every applied change into per-counter minute buckets in memory. Runs inside the
 * entry processor on the partition owner, so it never blocks and never does I/O: each change is one
 * {@link ConcurrentHashMap#compute} on the counter's key. The flusher {@link #drain() drains} the
 * buckets; a removal and a change of the same counter are atomic with respect to each other, so no
 * change is lost between the two. Thread-safe.
 *
 * <p>A creation counts as a change from 0 to the new value; a delete drops the pending buckets and
 * marks the counter so its stored history is deleted before anything newer is written.
 */
public final class HistoryRecorder implements CounterChangeListener {

    private final ConcurrentHashMap<String, PendingHistory> pending = new ConcurrentHashMap<>();

    @Override
    public void onChange(CounterChange change) {
        String key = change.id().key();
        Counter after = change.after();
        if (after == null) {
            pending.put(key, PendingHistory.deletion(change.id()));
            return;
        }
        long before = change.before() == null ? 0 : change.before().value();
        HistoryBucket bucket = HistoryBucket.ofChange(HistoryStep.MINUTE.floor(change.at()), before, after.value(),
                after.version(), change.at());
        pending.compute(key, (k, current) -> current == null
                ? new PendingHistory(change.id(), false, List.of(bucket))
                : current.with(bucket));
    }

    /** Removes and returns everything recorded so far. */
    public List<PendingHistory> drain() {
        List<PendingHistory> drained = new ArrayList<>(pending.size());
        for (String key : pending.keySet()) {
            PendingHistory removed = pending.remove(key);
            if (removed != null) {
                drained.add(removed);
            }
        }
        return drained;
    }

    /** Puts back history whose flush failed, ahead of whatever was recorded since. */
    public void restore(List<PendingHistory> failed) {
        for (PendingHistory older : failed) {
            pending.merge(older.id().key(), older, (current, failedOne) -> failedOne.followedBy(current));
        }
    }

    /** This member's unflushed history of one counter. */
    public Optional<PendingHistory> pending(CounterId id) {
        return Optional.ofNullable(pending.get(id.key()));
    }

    public int pendingCounters() {
        return pending.size();
    }
}
