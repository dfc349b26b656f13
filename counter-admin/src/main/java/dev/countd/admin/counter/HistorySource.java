package dev.countd.admin.counter;

import dev.countd.admin.chart.ChartPoint;
import dev.countd.core.counter.CounterId;

import java.util.List;
import java.util.Optional;

/** A counter's recent values for the chart; the application implements it over the history store. */
public interface HistorySource {

    /** No history on this node: the counter page says so instead of drawing a chart. */
    HistorySource DISABLED = (id, from, to) -> Optional.empty();

    /**
     * The counter's value at the end of each minute in [from, to) (epoch ms), carried forward over
     * minutes without activity; empty when history is disabled.
     */
    Optional<List<ChartPoint>> minutes(CounterId id, long from, long to);
}
