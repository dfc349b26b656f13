package dev.countd.core.history;

import java.time.Duration;

/**
 * @param flushInterval   how often in-memory buckets reach the database: the most history a crash can lose
 * @param rollupInterval  how often the rollup and pruning job runs
 * @param dayRetention    null keeps days forever
 */
public record HistorySettings(boolean enabled, Duration flushInterval, Duration rollupInterval,
                              Duration minuteRetention, Duration hourRetention, Duration dayRetention) {

    public static final HistorySettings DEFAULTS = new HistorySettings(true, Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofDays(7), Duration.ofDays(90), null);

    public HistorySettings {
        requirePositive(flushInterval, "flush interval");
        requirePositive(rollupInterval, "rollup interval");
        requirePositive(minuteRetention, "minute retention");
        requirePositive(hourRetention, "hour retention");
        if (dayRetention != null) {
            requirePositive(dayRetention, "day retention");
        }
    }

    /** Late flushes the rollup waits for before it treats a bucket as complete. */
    public Duration rollupGrace() {
        Duration threeFlushes = flushInterval.multipliedBy(3);
        return threeFlushes.compareTo(Duration.ofMinutes(1)) > 0 ? threeFlushes : Duration.ofMinutes(1);
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("history " + what + " must be positive");
        }
    }
}
