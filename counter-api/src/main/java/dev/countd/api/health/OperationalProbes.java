package dev.countd.api.health;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Where features report the state that health checks and gauges read: the webhook outbox backlog
 * and the history and counter journal flush lags. A probe not plugged in reads as empty (feature absent: healthy, gauge 0).
 * Features plug in once at start-up: {@code probes.webhookBacklog(outbox::pendingCount)}. Thread-safe.
 */
public final class OperationalProbes {

    private volatile LongSupplier webhookBacklog;
    private volatile Supplier<Duration> historyFlushLag;
    private volatile Supplier<Duration> journalFlushLag;

    /** Deliveries waiting in the outbox; called at each health check and scrape, so keep it cheap. */
    public void webhookBacklog(LongSupplier pending) {
        this.webhookBacklog = Objects.requireNonNull(pending);
    }

    /** Age of the oldest change not yet in history ({@link Duration#ZERO} when nothing waits). */
    public void historyFlushLag(Supplier<Duration> lag) {
        this.historyFlushLag = Objects.requireNonNull(lag);
    }

    /** Age of the oldest journaled counter change not yet in the database ({@link Duration#ZERO} when none). */
    public void journalFlushLag(Supplier<Duration> lag) {
        this.journalFlushLag = Objects.requireNonNull(lag);
    }

    public OptionalLong webhookBacklog() {
        LongSupplier probe = webhookBacklog;
        return probe == null ? OptionalLong.empty() : OptionalLong.of(probe.getAsLong());
    }

    public Optional<Duration> historyFlushLag() {
        Supplier<Duration> probe = historyFlushLag;
        return probe == null ? Optional.empty() : Optional.of(probe.get());
    }

    public Optional<Duration> journalFlushLag() {
        Supplier<Duration> probe = journalFlushLag;
        return probe == null ? Optional.empty() : Optional.of(probe.get());
    }
}
