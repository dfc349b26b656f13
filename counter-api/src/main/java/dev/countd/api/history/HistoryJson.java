package dev.countd.api.history;

import dev.countd.core.history.HistoryBucket;
import dev.countd.core.history.HistorySeries;

import java.time.Instant;
import java.util.List;

/** The history answer: instants in ISO-8601 (UTC), one point per bucket with activity (or filled). */
public record HistoryJson(String name, String step, String from, String to, List<Point> points) {

    public record Point(String t, long value, long increments, long decrements, long ops) {
        static Point of(HistoryBucket bucket) {
            return new Point(Instant.ofEpochMilli(bucket.start()).toString(), bucket.value(), bucket.increments(),
                    bucket.decrements(), bucket.ops());
        }
    }

    static HistoryJson of(HistorySeries series) {
        return new HistoryJson(series.id().name(), series.step().label(), Instant.ofEpochMilli(series.from()).toString(),
                Instant.ofEpochMilli(series.to()).toString(), series.points().stream().map(Point::of).toList());
    }
}
