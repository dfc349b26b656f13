package dev.countd.api.apikey;

import dev.countd.core.apikey.ApiKeyRegistry;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Writes keys' {@code lastUsedAt} every interval and once more at shutdown, instead of per request. */
public final class LastUsedFlusher implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(LastUsedFlusher.class);

    private final ApiKeyRegistry registry;
    private final ScheduledExecutorService executor;
    private final Duration interval;

    public LastUsedFlusher(ApiKeyRegistry registry, ScheduledExecutorService executor, Duration interval) {
        this.registry = registry;
        this.executor = executor;
        this.interval = interval;
    }

    @Override
    public void start() {
        executor.scheduleWithFixedDelay(this::flush, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        flush();
    }

    private void flush() {
        try {
            registry.flushLastUsed();
        } catch (RuntimeException e) {
            LOG.warn("could not record API keys' last use: {}", e.toString());
        }
    }
}
