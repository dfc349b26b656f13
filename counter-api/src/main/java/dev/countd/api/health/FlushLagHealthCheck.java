package dev.countd.api.health;

import com.codahale.metrics.health.HealthCheck;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Unhealthy when the oldest change not yet written by a background flush (history buckets, the counter journal) is
 * older than the allowed lag. An empty probe means the feature is off: healthy.
 */
public final class FlushLagHealthCheck extends HealthCheck {

    private final String subject;
    private final Supplier<Optional<Duration>> lag;
    private final Duration maxLag;

    /** @param subject what flushes, as the messages name it ("history", "counter journal") */
    public FlushLagHealthCheck(String subject, Supplier<Optional<Duration>> lag, Duration maxLag) {
        this.subject = subject;
        this.lag = lag;
        this.maxLag = maxLag;
    }

    @Override
    protected Result check() {
        Optional<Duration> current;
        try {
            current = lag.get();
        } catch (RuntimeException e) {
            return Result.unhealthy(subject + " flush state cannot be read");
        }
        if (current.isEmpty()) {
            return Result.healthy(subject + " not enabled");
        }
        if (current.get().compareTo(maxLag) > 0) {
            return Result.unhealthy(subject + " flush lags " + current.get().toSeconds() + "s (allowed "
                    + maxLag.toSeconds() + "s)");
        }
        return Result.healthy(subject + " flush lag " + current.get().toMillis() + "ms");
    }
}
