package dev.countd.api.ratelimit;

import dev.countd.core.apikey.RateLimit;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one token from a named cluster-wide bucket. The bucket's key carries the limit's
 * fingerprint, so changing a key's plan starts it on a bucket of the new shape (the old one
 * expires). When the buckets cannot be reached the answer follows {@code failOpen}. Thread-safe.
 */
public final class RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

    private final ProxyManager<String> buckets;
    private final boolean failOpen;

    public RateLimiter(ProxyManager<String> buckets, boolean failOpen) {
        this.buckets = buckets;
        this.failOpen = failOpen;
    }

    public RateDecision tryConsume(String bucket, String policy, RateLimit limit) {
        return tryConsume(bucket, policy, limit, 1);
    }

    /** Takes {@code tokens} at once (a batch costs one token per operation), or none. */
    public RateDecision tryConsume(String bucket, String policy, RateLimit limit, long tokens) {
        try {
            return RateDecision.of(policy, limit, buckets.builder()
                    .build(bucket + "|" + limit.fingerprint(), () -> configuration(limit))
                    .tryConsumeAndReturnRemaining(tokens));
        } catch (RuntimeException e) {
            LOG.warn("rate limiter unavailable ({}); request {}", e.getClass().getSimpleName(),
                    failOpen ? "allowed (failOpen)" : "refused (failOpen: false)");
            return RateDecision.unavailable(policy, limit, failOpen);
        }
    }

    /** Tokens the bucket holds now, without taking one; a bucket never used (or expired) is full. */
    public long availableTokens(String bucket, RateLimit limit) {
        String key = bucket + "|" + limit.fingerprint();
        try {
            if (buckets.getProxyConfiguration(key).isEmpty()) {
                return limit.capacity();
            }
            return buckets.builder().build(key, () -> configuration(limit)).getAvailableTokens();
        } catch (RuntimeException e) {
            LOG.warn("rate limiter unavailable ({}) while reading a bucket", e.getClass().getSimpleName());
            return -1;
        }
    }

    static BucketConfiguration configuration(RateLimit limit) {
        return BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.capacity())
                        .refillGreedy(limit.refillTokens(), limit.refillPeriod()))
                .build();
    }
}
