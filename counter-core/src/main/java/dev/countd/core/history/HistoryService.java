package dev.countd.core.history;

import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.CounterValidationException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Answers history queries from the stored buckets plus this member's unflushed ones. A coarse step
 * reads its own table up to where the rollup has reached and aggregates finer buckets beyond, so
 * answers are complete whether or not the rollup has run. Thread-safe.
 */
public final class HistoryService {

    /** The most buckets one answer may hold: 7 days at 1m, 420 days at 1h, 27 years at 1d. */
    public static final int MAX_POINTS = 10_080;

    private final HistoryStore store;
    private final HistoryRecorder recorder;

    public HistoryService(HistoryStore store, HistoryRecorder recorder) {
        this.store = store;
        this.recorder = recorder;
    }

    /**
     * @param from         epoch ms, rounded down to the step
     * @param to           epoch ms (exclusive), rounded up to the step
     * @param fillPrevious also answer buckets without activity, with the previous value and zero sums
     *                     (from the first bucket whose value is known)
     */
    public HistorySeries query(CounterId id, HistoryStep step, long from, long to, boolean fillPrevious) {
        if (from >= to) {
            throw new CounterValidationException("invalid-parameter",
                    "from (" + Instant.ofEpochMilli(from) + ") must be before to (" + Instant.ofEpochMilli(to) + ")");
        }
        long start = step.floor(from);
        long end = step.ceil(to);
        long buckets = (end - start) / step.millis();
        if (buckets > MAX_POINTS) {
            throw new CounterValidationException("invalid-parameter", "the range holds " + buckets + " buckets of "
                    + step.label() + "; the limit is " + MAX_POINTS + " buckets per query (7 days at 1m, 420 days at 1h,"
                    + " 27 years at 1d): use a larger step or a shorter range");
        }
        Optional<PendingHistory> pending = recorder.pending(id);
        boolean storedIsCurrent = pending.map(p -> !p.deleted()).orElse(true);
        List<HistoryBucket> points = points(step, id, start, end, pending, storedIsCurrent);
        if (fillPrevious) {
            points = fill(step, start, end, points, lastBefore(id, start, pending, storedIsCurrent));
        }
        return new HistorySeries(id, step, start, end, points);
    }

    private List<HistoryBucket> points(HistoryStep step, CounterId id, long from, long to,
                                       Optional<PendingHistory> pending, boolean storedIsCurrent) {
        TreeMap<Long, HistoryBucket> byStart = new TreeMap<>();
        if (step == HistoryStep.MINUTE) {
            if (storedIsCurrent) {
                store.read(step, id, from, to).forEach(bucket -> byStart.put(bucket.start(), bucket));
            }
            pending.ifPresent(p -> p.minutes().stream().filter(b -> b.start() >= from && b.start() < to)
                    .forEach(b -> byStart.merge(b.start(), b, HistoryBucket::merge)));
            return new ArrayList<>(byStart.values());
        }
        long rolled = storedIsCurrent ? Math.max(from, Math.min(to, store.rolledUntil(step))) : from;
        if (rolled > from) {
            store.read(step, id, from, rolled).forEach(bucket -> byStart.put(bucket.start(), bucket));
        }
        if (rolled < to) {
            for (HistoryBucket finer : points(step.finer(), id, rolled, to, pending, storedIsCurrent)) {
                long start = step.floor(finer.start());
                byStart.merge(start, finer.at(start), HistoryBucket::merge);
            }
        }
        return new ArrayList<>(byStart.values());
    }

    /** The newest bucket (any resolution, stored or pending) that ends by {@code end}. */
    private Optional<HistoryBucket> lastBefore(CounterId id, long end, Optional<PendingHistory> pending,
                                               boolean storedIsCurrent) {
        List<HistoryBucket> candidates = new ArrayList<>();
        if (storedIsCurrent) {
            for (HistoryStep step : HistoryStep.values()) {
                store.lastEndingBy(step, id, end).ifPresent(candidates::add);
            }
        }
        pending.ifPresent(p -> p.minutes().stream().filter(b -> b.start() + HistoryStep.MINUTE.millis() <= end)
                .forEach(candidates::add));
        return candidates.stream().max(Comparator.comparingLong(HistoryBucket::version).thenComparingLong(HistoryBucket::at));
    }

    private static List<HistoryBucket> fill(HistoryStep step, long from, long to, List<HistoryBucket> points,
                                            Optional<HistoryBucket> seed) {
        List<HistoryBucket> filled = new ArrayList<>();
        HistoryBucket previous = seed.orElse(null);
        int next = 0;
        for (long t = from; t < to; t += step.millis()) {
            if (next < points.size() && points.get(next).start() == t) {
                previous = points.get(next++);
                filled.add(previous);
            } else if (previous != null) {
                filled.add(new HistoryBucket(t, previous.value(), 0, 0, 0, previous.version(), previous.at()));
            }
        }
        return filled;
    }
}
