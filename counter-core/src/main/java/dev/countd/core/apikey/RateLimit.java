package dev.countd.core.apikey;

import java.time.Duration;

/**
 * A token bucket: up to {@code capacity} requests at once, refilled by {@code refillTokens} every
 * {@code refillPeriod} (greedily, spread over the period).
 */
public record RateLimit(long capacity, long refillTokens, Duration refillPeriod) {

    public static final Duration MIN_PERIOD = Duration.ofMillis(1);
    public static final Duration MAX_PERIOD = Duration.ofDays(366);

    public RateLimit {
        if (capacity < 1 || refillTokens < 1) {
            throw new IllegalArgumentException("capacity and refillTokens must be at least 1");
        }
        if (refillPeriod == null || refillPeriod.compareTo(MIN_PERIOD) < 0 || refillPeriod.compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException("refillPeriod must be an ISO-8601 duration between PT0.001S and P366D");
        }
    }

    /** Seconds an empty bucket takes to fill up again: the window the IETF headers announce. */
    public long windowSeconds() {
        double periods = (double) capacity / refillTokens;
        return Math.max(1, (long) Math.ceil(periods * refillPeriod.toMillis() / 1000.0));
    }

    /** A stable text form, used to key a bucket to its exact limit. */
    public String fingerprint() {
        return capacity + "/" + refillTokens + "/" + refillPeriod.toMillis();
    }
}
