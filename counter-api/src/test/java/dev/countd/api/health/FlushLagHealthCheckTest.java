package dev.countd.api.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** A fake lag stands in for the history flusher (and, in the last test, the counter journal's). */
class FlushLagHealthCheckTest {

    private final OperationalProbes probes = new OperationalProbes();
    private final FlushLagHealthCheck check = new FlushLagHealthCheck("history", probes::historyFlushLag,
            Duration.ofSeconds(60));

    @Test
    void isHealthyWhileHistoryIsNotPluggedIn() {
        assertThat(check.execute().isHealthy()).isTrue();
        assertThat(check.execute().getMessage()).isEqualTo("history not enabled");
    }

    @Test
    void turnsUnhealthyWhenTheFlushLagsTooLongAndHealthyWhenItCatchesUp() {
        AtomicReference<Duration> lag = new AtomicReference<>(Duration.ZERO);
        probes.historyFlushLag(lag::get);
        assertThat(check.execute().isHealthy()).isTrue();

        lag.set(Duration.ofSeconds(61));
        assertThat(check.execute().isHealthy()).isFalse();
        assertThat(check.execute().getMessage()).isEqualTo("history flush lags 61s (allowed 60s)");

        lag.set(Duration.ofMillis(200));
        assertThat(check.execute().isHealthy()).isTrue();
    }

    @Test
    void isUnhealthyWhenTheFlushStateCannotBeRead() {
        probes.historyFlushLag(() -> {
            throw new IllegalStateException("flusher died");
        });
        assertThat(check.execute().isHealthy()).isFalse();
    }

    @Test
    void theJournalsCheckReadsItsOwnProbe() {
        FlushLagHealthCheck journal = new FlushLagHealthCheck("counter journal", probes::journalFlushLag,
                Duration.ofSeconds(60));
        assertThat(journal.execute().getMessage()).isEqualTo("counter journal not enabled");
        probes.historyFlushLag(() -> Duration.ofSeconds(120));
        probes.journalFlushLag(() -> Duration.ofSeconds(90));
        assertThat(journal.execute().getMessage()).isEqualTo("counter journal flush lags 90s (allowed 60s)");
        assertThat(journal.execute().isHealthy()).isFalse();
    }
}
