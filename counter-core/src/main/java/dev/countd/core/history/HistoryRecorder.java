package dev.countd.core.history;

import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterChange;
import dev.countd.core.counter.CounterChangeListener;
import dev.countd.core.counter.CounterId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Aggregates every applied change into per-counter minute buckets in memory. Runs inside the
 * entry processor on the partition owner, so it never does I/O: each change updates its counter's
 * {@link HistoryTally} in place under the tally's monitor (held by a drain only for that tally's snapshot). The flusher {@link #drain() drains}
 * the tallies under the same monitors, so no change is lost or counted twice between the two. A tally stays
 * in the map while its counter keeps changing (a busy counter's history costs no allocation per change) and
 * is dropped at the first drain that finds it empty. Thread-safe.
 *
 * <p>A creation counts as a change from 0 to the new value; a delete drops the pending buckets and
 * marks the counter so its stored history is deleted before anything newer is written.
 */
public final class HistoryRecorder implements CounterChangeListener {

    private final ConcurrentHashMap<String, HistoryTally> pending = new ConcurrentHashMap<>();

    @Override
    public void onChange(CounterChange change) {
        Counter after = change.after();
        while (true) {
            HistoryTally tally = tallyOf(change.id());
            synchronized (tally) {
                if (tally.retired) {
                    continue; // a drain dropped it just now: take the new one
                }
                if (after == null) {
                    tally.delete();
                } else {
                    long before = change.before() == null ? 0 : change.before().value();
                    tally.add(HistoryStep.MINUTE.floor(change.at()), before, after.value(), after.version(), change.at());
                }
                return;
            }
        }
    }

    /** Removes and returns everything recorded so far. */
    public List<PendingHistory> drain() {
        List<PendingHistory> drained = new ArrayList<>();
        for (Map.Entry<String, HistoryTally> entry : pending.entrySet()) {
            HistoryTally tally = entry.getValue();
            synchronized (tally) {
                if (tally.retired) {
                    continue;
                }
                if (tally.isEmpty()) {
                    // idle since the last drain: forget the counter until it changes again
                    tally.retired = true;
                    pending.remove(entry.getKey(), tally);
                } else {
                    drained.add(tally.drain());
                }
            }
        }
        return drained;
    }

    /** Puts back history whose flush failed, ahead of whatever was recorded since. */
    public void restore(List<PendingHistory> failed) {
        for (PendingHistory older : failed) {
            boolean restored = false;
            while (!restored) {
                HistoryTally tally = tallyOf(older.id());
                synchronized (tally) {
                    if (!tally.retired) {
                        tally.restoreBefore(older);
                        restored = true;
                    }
                }
            }
        }
    }

    /** This member's unflushed history of one counter. */
    public Optional<PendingHistory> pending(CounterId id) {
        HistoryTally tally = pending.get(id.key());
        if (tally == null) {
            return Optional.empty();
        }
        synchronized (tally) {
            return tally.retired || tally.isEmpty() ? Optional.empty() : Optional.of(tally.snapshot());
        }
    }

    /** The counter's tally, created when it has none; the common case, a busy counter, is one map read. */
    private HistoryTally tallyOf(CounterId id) {
        HistoryTally tally = pending.get(id.key());
        return tally != null ? tally : pending.computeIfAbsent(id.key(), k -> new HistoryTally(id));
    }
}
