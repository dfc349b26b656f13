package dev.countd.admin.counter;

import dev.countd.admin.chart.Chart;
import dev.countd.admin.chart.SvgCharts;
import dev.countd.admin.web.Chrome;
import dev.countd.core.counter.Counter;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The view records of the counter pages. */
public final class CounterPages {

    private CounterPages() {
    }

    public record Row(String namespace, String name, String value, String bounds, String version, String updated) {
        static Row of(Counter c) {
            return new Row(c.namespace(), c.name(), SvgCharts.format(c.value()), CounterPages.bounds(c), Long.toString(c.version()),
                    Instant.ofEpochMilli(c.updatedAt()).toString());
        }
    }

    /**
     * @param next  cursor of the next page, or null on the last page
     * @param first true on the first page (no cursor given)
     */
    public record ListPage(Chrome chrome, List<String> namespaces, String namespace, String prefix, List<Row> rows,
                           String next, boolean first) {
    }

    public record Details(String namespace, String name, String value, String rawValue, String min, String max, String initial,
                          String overflow, String version, String description, List<Map.Entry<String, String>> labels,
                          String labelsText, String created, String updated) {
        static Details of(Counter c) {
            StringBuilder text = new StringBuilder();
            c.labels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> text.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
            return new Details(c.namespace(), c.name(), SvgCharts.format(c.value()), Long.toString(c.value()), Long.toString(c.min()),
                    Long.toString(c.max()), Long.toString(c.initial()), c.overflow().name(), Long.toString(c.version()),
                    c.description(), c.labels().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList(),
                    text.toString(), Instant.ofEpochMilli(c.createdAt()).toString(), Instant.ofEpochMilli(c.updatedAt()).toString());
        }
    }

    /** @param chart null when history is disabled on this node */
    public record CounterPage(Chrome chrome, Details counter, Chart chart) {
    }

    public record DeletePage(Chrome chrome, Details counter) {
    }

    static String bounds(Counter c) {
        return "[" + (c.min() == Long.MIN_VALUE ? "-2^63" : SvgCharts.format(c.min())) + ", "
                + (c.max() == Long.MAX_VALUE ? "2^63-1" : SvgCharts.format(c.max())) + "]";
    }
}
