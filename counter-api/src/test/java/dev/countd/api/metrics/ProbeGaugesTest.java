package dev.countd.api.metrics;

import dev.countd.api.health.OperationalProbes;
import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhooks and history do not exist yet: fake probes stand in for them. */
class ProbeGaugesTest {

    private final OperationalProbes probes = new OperationalProbes();
    private final CollectorRegistry registry = new CollectorRegistry(true);

    ProbeGaugesTest() {
        registry.register(new ProbeGauges(probes));
    }

    @Test
    void readZeroWhileNothingIsPluggedIn() {
        assertThat(registry.getSampleValue(Metrics.WEBHOOK_OUTBOX_PENDING)).isEqualTo(0.0);
        assertThat(registry.getSampleValue(Metrics.HISTORY_FLUSH_LAG)).isEqualTo(0.0);
        assertThat(registry.getSampleValue(Metrics.JOURNAL_FLUSH_LAG)).isEqualTo(0.0);
    }

    @Test
    void readThePluggedProbesAtEachScrape() {
        AtomicLong pending = new AtomicLong(7);
        probes.webhookBacklog(pending::get);
        probes.historyFlushLag(() -> Duration.ofMillis(2500));
        probes.journalFlushLag(() -> Duration.ofMillis(300));
        assertThat(registry.getSampleValue(Metrics.WEBHOOK_OUTBOX_PENDING)).isEqualTo(7.0);
        assertThat(registry.getSampleValue(Metrics.HISTORY_FLUSH_LAG)).isEqualTo(2.5);
        assertThat(registry.getSampleValue(Metrics.JOURNAL_FLUSH_LAG)).isEqualTo(0.3);

        pending.set(0);
        assertThat(registry.getSampleValue(Metrics.WEBHOOK_OUTBOX_PENDING)).isEqualTo(0.0);
    }
}
