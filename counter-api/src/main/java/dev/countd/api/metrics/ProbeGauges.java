package dev.countd.api.metrics;

import dev.countd.api.health.OperationalProbes;
import io.prometheus.client.Collector;
import io.prometheus.client.GaugeMetricFamily;

import java.util.List;

/**
 * {@code webhook_outbox_pending}, {@code history_flush_lag_seconds} and {@code counter_journal_flush_lag_seconds},
 * read from the probes at scrape time.
 */
public final class ProbeGauges extends Collector implements Collector.Describable {

    private static final String PENDING_HELP = "Webhook deliveries waiting in the outbox.";
    private static final String LAG_HELP = "Age of the oldest counter change not yet written to history (0 when none).";
    private static final String JOURNAL_LAG_HELP = "Age of the oldest journaled counter change not yet written to the "
            + "database (0 when none, or without the journal).";

    private final OperationalProbes probes;

    public ProbeGauges(OperationalProbes probes) {
        this.probes = probes;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        return List.of(
                new GaugeMetricFamily(Metrics.WEBHOOK_OUTBOX_PENDING, PENDING_HELP, probes.webhookBacklog().orElse(0)),
                new GaugeMetricFamily(Metrics.HISTORY_FLUSH_LAG, LAG_HELP,
                        probes.historyFlushLag().map(lag -> lag.toNanos() / 1e9).orElse(0.0)),
                new GaugeMetricFamily(Metrics.JOURNAL_FLUSH_LAG, JOURNAL_LAG_HELP,
                        probes.journalFlushLag().map(lag -> lag.toNanos() / 1e9).orElse(0.0)));
    }

    @Override
    public List<MetricFamilySamples> describe() {
        return List.of(new GaugeMetricFamily(Metrics.WEBHOOK_OUTBOX_PENDING, PENDING_HELP, List.of()),
                new GaugeMetricFamily(Metrics.HISTORY_FLUSH_LAG, LAG_HELP, List.of()),
                new GaugeMetricFamily(Metrics.JOURNAL_FLUSH_LAG, JOURNAL_LAG_HELP, List.of()));
    }
}
