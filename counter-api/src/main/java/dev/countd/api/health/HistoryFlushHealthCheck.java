package dev.countd.api.health;

import com.codahale.metrics.health.HealthCheck;

import java.time.Duration;
import java.util.Optional;

/** Unhealthy when the oldest change not yet written to history is older than the allowed lag. */
public final class HistoryFlushHealthCheck extends HealthCheck {

    private final OperationalProbes probes;
    private final Duration maxLag;

    public HistoryFlushHealthCheck(OperationalProbes probes, Duration maxLag) {
        this.probes = probes;
        this.maxLag = maxLag;
    }

    @Override
    protected Result check() {
        Optional<Duration> lag;
        try {
            lag = probes.historyFlushLag();
        } catch (RuntimeException e) {
            return Result.unhealthy("history flush state cannot be read");
        }
        if (lag.isEmpty()) {
            return Result.healthy("history not enabled");
        }
        if (lag.get().compareTo(maxLag) > 0) {
            return Result.unhealthy("history flush lags " + lag.get().toSeconds() + "s (allowed " + maxLag.toSeconds() + "s)");
        }
        return Result.healthy("history flush lag " + lag.get().toMillis() + "ms");
    }
}
