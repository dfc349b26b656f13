package dev.countd.core.history;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs the flusher every flush interval on every member, and the rollup and pruning every rollup
 * interval on the one member {@code runsRollups} names (the oldest, so members do not repeat each other's work).
 * {@link #close()} stops both and flushes a last time.
 */
public final class HistoryJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryJobs.class);

    private final HistoryFlusher flusher;
    private final HistoryRollup rollup;
    private final HistorySettings settings;
    private final BooleanSupplier runsRollups;
    private ScheduledExecutorService scheduler;

    public HistoryJobs(HistoryFlusher flusher, HistoryRollup rollup, HistorySettings settings, BooleanSupplier runsRollups) {
        this.flusher = flusher;
        this.rollup = rollup;
        this.settings = settings;
        this.runsRollups = runsRollups;
    }

    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "countd-history");
            thread.setDaemon(true);
            return thread;
        });
        long flushMillis = settings.flushInterval().toMillis();
        scheduler.scheduleWithFixedDelay(guarded("flush", flusher), flushMillis, flushMillis, TimeUnit.MILLISECONDS);
        long rollupMillis = settings.rollupInterval().toMillis();
        scheduler.scheduleWithFixedDelay(guarded("rollup", this::rollUpAndPrune), rollupMillis, rollupMillis, TimeUnit.MILLISECONDS);
    }

    void rollUpAndPrune() {
        if (runsRollups.getAsBoolean()) {
            long now = System.currentTimeMillis();
            rollup.rollUp(now);
            rollup.prune(now);
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
        flusher.flush();
    }

    private static Runnable guarded(String name, Runnable job) {
        return () -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.warn("history {} failed; retrying at the next interval: {}", name, e.getClass().getSimpleName());
            }
        };
    }
}
