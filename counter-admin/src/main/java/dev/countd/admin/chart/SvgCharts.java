package dev.countd.admin.chart;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Lays out time-series charts: "nice" value ticks, time ticks on round minutes, UTC labels. */
public final class SvgCharts {

    static final int WIDTH = 720;
    static final int HEIGHT = 280;
    private static final Chart.Area PLOT = new Chart.Area(78, 16, WIDTH - 16, HEIGHT - 44);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private SvgCharts() {
    }

    /** A line through the points over [from, to). */
    public static Chart line(String id, String title, List<ChartPoint> points, long from, long to, String yUnit) {
        Scale scale = Scale.of(points);
        List<Chart.Mark> dots = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (ChartPoint p : points) {
            int x = x(p.t(), from, to);
            int y = scale.y(p.value());
            line.append(line.length() == 0 ? "" : " ").append(x).append(',').append(y);
            dots.add(new Chart.Mark(x, y, 0, 0, HH_MM.format(Instant.ofEpochMilli(p.t())) + ": " + format(p.value())));
        }
        return new Chart(id, title, description(title, points, yUnit), WIDTH, HEIGHT, PLOT, timeTicks(from, to),
                scale.ticks(), "time (UTC)", yUnit, line.toString(), points.size() <= 90 ? dots : List.of(), List.of(),
                points.isEmpty() ? "no activity in this period" : null);
    }

    /** One bar per point; each bar covers {@code barMillis} from its point's time. */
    public static Chart bars(String id, String title, List<ChartPoint> points, long from, long to, long barMillis, String yUnit) {
        Scale scale = Scale.of(points, 0);
        List<Chart.Mark> bars = new ArrayList<>();
        for (ChartPoint p : points) {
            int x = x(p.t(), from, to);
            int width = Math.max(1, x(p.t() + barMillis, from, to) - x - 1);
            int y = scale.y(p.value());
            bars.add(new Chart.Mark(x, y, width, PLOT.bottom() - y, HH_MM.format(Instant.ofEpochMilli(p.t())) + ": " + format(p.value())));
        }
        return new Chart(id, title, description(title, points, yUnit), WIDTH, HEIGHT, PLOT, timeTicks(from, to),
                scale.ticks(), "time (UTC)", yUnit, "", List.of(), bars, points.isEmpty() ? "no samples yet" : null);
    }

    private static int x(long t, long from, long to) {
        double share = to <= from ? 0 : (double) (t - from) / (to - from);
        return PLOT.left() + (int) Math.round(Math.max(0, Math.min(1, share)) * PLOT.width());
    }

    static List<Chart.Tick> timeTicks(long from, long to) {
        long span = Math.max(60_000, to - from);
        long[] steps = {60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 86_400_000};
        long step = steps[steps.length - 1];
        for (long candidate : steps) {
            if (span / candidate <= 7) {
                step = candidate;
                break;
            }
        }
        List<Chart.Tick> ticks = new ArrayList<>();
        for (long t = (from + step - 1) / step * step; t <= to; t += step) {
            ticks.add(new Chart.Tick(x(t, from, to), HH_MM.format(Instant.ofEpochMilli(t))));
        }
        return ticks;
    }

    private static String description(String title, List<ChartPoint> points, String unit) {
        if (points.isEmpty()) {
            return title + ": no data in this period.";
        }
        double min = points.stream().mapToDouble(ChartPoint::value).min().orElse(0);
        double max = points.stream().mapToDouble(ChartPoint::value).max().orElse(0);
        return title + ": " + points.size() + " points, " + unit + " from " + format(min) + " to " + format(max)
                + ", last " + format(points.get(points.size() - 1).value()) + ".";
    }

    /** Whole numbers with thousands separators; fractions with up to two decimals. */
    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(java.util.Locale.ROOT, "%,d", (long) value);
        }
        return String.format(java.util.Locale.ROOT, "%,.2f", value);
    }

    /** The value axis: a range widened to round tick values. */
    record Scale(double low, double high, double step) {

        static Scale of(List<ChartPoint> points) {
            double min = points.stream().mapToDouble(ChartPoint::value).min().orElse(0);
            double max = points.stream().mapToDouble(ChartPoint::value).max().orElse(1);
            return of(min, max);
        }

        static Scale of(List<ChartPoint> points, double floor) {
            double max = points.stream().mapToDouble(ChartPoint::value).max().orElse(1);
            return of(floor, Math.max(floor + 1, max));
        }

        static Scale of(double min, double max) {
            if (max - min < 1) {
                min = min - 1;
                max = max + 1;
            }
            double step = niceStep((max - min) / 5);
            return new Scale(Math.floor(min / step) * step, Math.ceil(max / step) * step, step);
        }

        static double niceStep(double raw) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double fraction = raw / magnitude;
            double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
            return Math.max(1, nice * magnitude);
        }

        int y(double value) {
            double share = (value - low) / (high - low);
            return PLOT.bottom() - (int) Math.round(share * (PLOT.bottom() - PLOT.top()));
        }

        List<Chart.Tick> ticks() {
            List<Chart.Tick> ticks = new ArrayList<>();
            for (int i = 0; i <= 12; i++) {
                double v = low + i * step;
                if (v > high + step / 2) {
                    break;
                }
                ticks.add(new Chart.Tick(y(v), format(v)));
            }
            return ticks;
        }
    }
}
