package dev.countd.admin.chart;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SvgChartsTest {

    private static final long HOUR = 3_600_000;
    private static final long START = 1_700_000_400_000L - 1_700_000_400_000L % HOUR;

    @Test
    void valueTicksAreRoundNumbersCoveringTheData() {
        Chart chart = SvgCharts.line("c", "t", List.of(new ChartPoint(START, 3), new ChartPoint(START + 60_000, 1234)),
                START, START + HOUR, "value");

        assertThat(chart.yTicks()).extracting(Chart.Tick::label).containsExactly("0", "500", "1,000", "1,500");
    }

    @Test
    void anHourIsLabelledEveryTenMinutesInUtc() {
        Chart chart = SvgCharts.line("c", "t", List.of(new ChartPoint(START, 1)), START, START + HOUR, "value");

        assertThat(chart.xTicks()).extracting(Chart.Tick::label).hasSize(7).first().asString().endsWith(":00");
        assertThat(chart.xTicks().get(1).label()).endsWith(":10");
    }

    @Test
    void higherValuesAreDrawnHigher() {
        Chart chart = SvgCharts.line("c", "t", List.of(new ChartPoint(START, 10), new ChartPoint(START + 60_000, 20)),
                START, START + HOUR, "value");

        assertThat(chart.dots().get(1).y()).isLessThan(chart.dots().get(0).y());
        assertThat(chart.dots().get(1).x()).isGreaterThan(chart.dots().get(0).x());
    }

    @Test
    void anEmptySeriesSaysSoInsteadOfDrawing() {
        Chart chart = SvgCharts.line("c", "t", List.of(), START, START + HOUR, "value");

        assertThat(chart.line()).isEmpty();
        assertThat(chart.empty()).isEqualTo("no activity in this period");
    }

    @Test
    void barsStartAtZeroAndEndAtTheirValue() {
        Chart chart = SvgCharts.bars("c", "t", List.of(new ChartPoint(START, 0), new ChartPoint(START + 10_000, 8)),
                START, START + 60_000, 10_000, "operations / s");

        assertThat(chart.bars().get(0).height()).isZero();
        assertThat(chart.bars().get(1).height()).isPositive();
        assertThat(chart.yTicks().get(0).label()).isEqualTo("0");
    }
}
