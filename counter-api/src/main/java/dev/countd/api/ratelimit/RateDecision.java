package dev.countd.api.ratelimit;

import dev.countd.core.apikey.RateLimit;
import io.github.bucket4j.ConsumptionProbe;

import java.util.concurrent.TimeUnit;

/**
 * One request's take from a bucket, as the response headers show it.
 *
 * @param policy       the plan's name ({@code custom} for a key's own limit)
 * @param resetSeconds seconds until the bucket is full again
 * @param retryAfterSeconds seconds until one more request is allowed (0 when allowed now)
 * @param unavailable  the limiter's state could not be reached; {@code allowed} then follows failOpen
 */
public record RateDecision(String policy, RateLimit limit, boolean allowed, long remaining, long resetSeconds,
                           long retryAfterSeconds, boolean unavailable) {

    public static final String REQUEST_PROPERTY = "countd.rateDecision";

    /** The largest number of seconds a header carries: 2^31 - 1, what HTTP caches and 32-bit parsers can hold (RFC 9111 1.2.2). */
    public static final long MAX_HEADER_SECONDS = Integer.MAX_VALUE;

    static RateDecision of(String policy, RateLimit limit, ConsumptionProbe probe) {
        return new RateDecision(policy, limit, probe.isConsumed(), probe.getRemainingTokens(),
                ceilSeconds(probe.getNanosToWaitForReset()),
                probe.isConsumed() ? 0 : Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill())), false);
    }

    static RateDecision unavailable(String policy, RateLimit limit, boolean allowed) {
        return new RateDecision(policy, limit, allowed, 0, 0, allowed ? 0 : 1, true);
    }

    /**
     * Whole seconds, rounded up and capped at {@link #MAX_HEADER_SECONDS}. Bucket4j answers Long.MAX_VALUE for
     * "never" (and saturates long waits), which must neither wrap around nor reach clients as a number that
     * many of them cannot parse.
     */
    private static long ceilSeconds(long nanos) {
        long second = TimeUnit.SECONDS.toNanos(1);
        return nanos <= 0 ? 0 : Math.min(MAX_HEADER_SECONDS, nanos / second + (nanos % second == 0 ? 0 : 1));
    }
}
