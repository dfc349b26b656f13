package dev.countd.admin.web;

import dev.countd.admin.chart.ChartPoint;
import dev.countd.admin.chart.SvgCharts;
import dev.countd.admin.counter.CounterPages;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.OverflowPolicy;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything a page shows is escaped: text from counters, keys and users can never become markup. */
class TemplateEscapingTest {

    private static final String SCRIPT = "<script>alert('x')</script>";
    private final Pages pages = new Pages();

    private static Counter counter(String description, Map<String, String> labels) {
        return new Counter("default", "checkout", 7, 0, 100, 0, OverflowPolicy.REJECT, 3, description, labels, 0L, 0L);
    }

    private static CounterPages.Details details(Counter counter) throws Exception {
        Method of = CounterPages.Details.class.getDeclaredMethod("of", Counter.class);
        of.setAccessible(true);
        return (CounterPages.Details) of.invoke(null, counter);
    }

    private static Chrome chrome() {
        return new Chrome("checkout", "counters", "admin", "csrf-token", null, null);
    }

    @Test
    void aDescriptionWithAScriptTagShowsAsText() throws Exception {
        String html = pages.render("counter", new CounterPages.CounterPage(chrome(), details(counter(SCRIPT, Map.of())), null));

        assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    }

    @Test
    void labelKeysAndValuesAreEscaped() throws Exception {
        String html = pages.render("counter", new CounterPages.CounterPage(chrome(),
                details(counter("", Map.of("team", "\"><img src=x onerror=alert(1)>"))), null));

        assertThat(html).doesNotContain("<img").contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void aFlashMessageIsEscaped() throws Exception {
        Chrome withMessage = chrome().withMessage("error", "no counter " + SCRIPT);
        String html = pages.render("counter", new CounterPages.CounterPage(withMessage, details(counter("", Map.of())), null));

        assertThat(html).doesNotContain("<script").contains("no counter &lt;script&gt;");
    }

    @Test
    void chartTextIsEscapedInsideTheSvg() throws Exception {
        var chart = SvgCharts.line("history", "Value of " + SCRIPT, List.of(new ChartPoint(60_000, 5)), 0, 3_600_000, "value");
        String html = pages.render("counter", new CounterPages.CounterPage(chrome(), details(counter("", Map.of())), chart));

        assertThat(html).doesNotContain("<script").contains("<title id=\"history-title\">Value of &lt;script&gt;");
    }

    @Test
    void everyFormOfTheCounterPageCarriesTheCsrfToken() throws Exception {
        String html = pages.render("counter", new CounterPages.CounterPage(chrome(), details(counter("", Map.of())), null));

        int forms = html.split("<form", -1).length - 1;
        int tokens = html.split("name=\"_csrf\" value=\"csrf-token\"", -1).length - 1;
        assertThat(forms).isEqualTo(6);
        assertThat(tokens).isEqualTo(forms);
    }

    @Test
    void pagesUseNoInlineStylesOrScripts() throws Exception {
        String html = pages.render("counter", new CounterPages.CounterPage(chrome(), details(counter("", Map.of())),
                SvgCharts.line("history", "t", List.of(new ChartPoint(60_000, 5)), 0, 3_600_000, "value")));

        assertThat(html).doesNotContain("style=").doesNotContain("<style").doesNotContain("<script")
                .doesNotContainPattern(" on[a-z]+=");
    }
}
