package dev.countd.api.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The history feature does not exist yet: a fake lag stands in for its flusher. */
class HistoryFlushHealthCheckTest {

    private final OperationalProbes probes = new OperationalProbes();
    private final HistoryFlushHealthCheck check = new HistoryFlushHealthCheck(probes, Duration.ofSeconds(60));

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
}
