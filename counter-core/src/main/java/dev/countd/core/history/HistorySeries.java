package dev.countd.core.history;

import dev.countd.core.counter.CounterId;

import java.util.List;

/**
 * A history answer: buckets with {@code from <= start < to}, in time order.
 *
 * @param from first bucket start (the requested start, rounded down to the step)
 * @param to   end of the last bucket (the requested end, rounded up to the step)
 */
public record HistorySeries(CounterId id, HistoryStep step, long from, long to, List<HistoryBucket> points) {
    public HistorySeries {
        points = List.copyOf(points);
    }
}
