package dev.countd.admin.chart;

import java.util.List;

/**
 * An SVG chart laid out on the server: every coordinate is computed here, the template only
 * writes the elements. Text (labels, title) is escaped by the template like any other output.
 *
 * @param line     polyline points ("x,y x,y ...") for a line chart, empty for bars
 * @param bars     bars for a bar chart, empty for a line
 * @param empty    a message drawn instead of data when the series is empty, else null
 */
public record Chart(String id, String title, String description, int width, int height,
                    Area plot, List<Tick> xTicks, List<Tick> yTicks, String xUnit, String yUnit,
                    String line, List<Mark> dots, List<Mark> bars, String empty) {

    public Chart {
        xTicks = List.copyOf(xTicks);
        yTicks = List.copyOf(yTicks);
        dots = List.copyOf(dots);
        bars = List.copyOf(bars);
    }

    /** The plotting area inside the axes. */
    public record Area(int left, int top, int right, int bottom) {
        public int width() {
            return right - left;
        }
    }

    /** An axis tick at {@code position} (x for the time axis, y for the value axis). */
    public record Tick(int position, String label) {
    }

    /** A dot (x, y) or a bar (x, y, width, height). */
    public record Mark(int x, int y, int width, int height, String label) {
    }
}
