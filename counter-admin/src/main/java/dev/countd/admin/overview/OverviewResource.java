package dev.countd.admin.overview;

import dev.countd.admin.alert.AlertsSource;
import dev.countd.admin.chart.Chart;
import dev.countd.admin.chart.ChartPoint;
import dev.countd.admin.chart.SvgCharts;
import dev.countd.admin.web.Admin;
import dev.countd.admin.web.AdminGuard;
import dev.countd.admin.web.Chrome;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** {@code /admin/}: the state of the cluster at a glance. */
@Path("/admin/")
public final class OverviewResource {

    static final int RECENT_EVENTS = 10;

    private final AdminGuard guard;
    private final OverviewData data;
    private final OperationRate operations;
    private final long sampleMillis;
    private final AlertsSource alerts;
    private final Clock clock;

    public OverviewResource(AdminGuard guard, OverviewData data, OperationRate operations, long sampleMillis,
                            AlertsSource alerts, Clock clock) {
        this.guard = guard;
        this.data = data;
        this.operations = operations;
        this.sampleMillis = sampleMillis;
        this.alerts = alerts;
        this.clock = clock;
    }

    public record Namespace(String name, String counters) {
    }

    public record OverviewPage(Chrome chrome, List<OverviewData.Member> members, List<Namespace> namespaces,
                               String totalCounters, String currentRate, Chart operations, boolean alertsEnabled,
                               List<AlertsSource.Event> events, String backlog) {
    }

    @GET
    public Response overview(@Context HttpHeaders headers) {
        Admin admin = guard.require(headers);
        Map<String, Long> perNamespace = data.countersPerNamespace();
        List<Namespace> namespaces = perNamespace.entrySet().stream()
                .map(e -> new Namespace(e.getKey(), SvgCharts.format(e.getValue()))).toList();
        long total = perNamespace.values().stream().mapToLong(Long::longValue).sum();
        List<ChartPoint> samples = operations.samples();
        long now = clock.millis();
        long from = samples.isEmpty() ? now - 5 * 60_000 : Math.min(samples.get(0).t(), now - 5 * 60_000);
        Chart chart = SvgCharts.bars("ops", "Operations per second on this member", samples, from, now, sampleMillis,
                "operations / s");
        String current = samples.isEmpty() ? "-" : SvgCharts.format(Math.round(samples.get(samples.size() - 1).value() * 10) / 10.0);
        String backlog = alerts.webhookBacklog().isPresent() ? SvgCharts.format(alerts.webhookBacklog().getAsLong())
                : "not available (alerts are not enabled on this node)";
        return guard.page("overview", new OverviewPage(guard.chrome(admin, "Overview", "overview"), data.members(),
                namespaces, SvgCharts.format(total), current, chart, alerts.enabled(), alerts.recentEvents(RECENT_EVENTS),
                backlog));
    }
}
