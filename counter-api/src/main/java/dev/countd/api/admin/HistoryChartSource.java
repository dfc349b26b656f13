package dev.countd.api.admin;

import dev.countd.admin.chart.ChartPoint;
import dev.countd.admin.counter.HistorySource;
import dev.countd.core.counter.CounterId;
import dev.countd.core.history.HistoryService;
import dev.countd.core.history.HistoryStep;

import java.util.List;
import java.util.Optional;

/** The counter chart's points from the history service: each minute's closing value, at the minute's end. */
public final class HistoryChartSource implements HistorySource {

    private final HistoryService history;

    public HistoryChartSource(HistoryService history) {
        this.history = history;
    }

    @Override
    public Optional<List<ChartPoint>> minutes(CounterId id, long from, long to) {
        long minute = HistoryStep.MINUTE.millis();
        return Optional.of(history.query(id, HistoryStep.MINUTE, from, to, true).points().stream()
                .map(bucket -> new ChartPoint(Math.min(to, bucket.start() + minute), bucket.value()))
                .toList());
    }
}
