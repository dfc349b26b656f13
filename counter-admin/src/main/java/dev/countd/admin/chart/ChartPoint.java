package dev.countd.admin.chart;

/** One sample of a series: epoch milliseconds and a value. */
public record ChartPoint(long t, double value) {
}
