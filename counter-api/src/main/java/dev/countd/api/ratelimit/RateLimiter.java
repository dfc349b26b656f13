package dev.countd.api.ratelimit;

import dev.countd.core.apikey.RateLimit;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes one token from a named cluster-wide bucket. The bucket's key carries the limit's
 * fingerprint, so changing a key's plan starts it on a bucket of the new shape (the old one
 * expires). When the buckets cannot be reached the answer follows {@code failOpen}. Thread-safe.
 */
public final class RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    private static final int MAX_CACHED_PROXIES = 10_000;

    private final ProxyManager<String> buckets;
    private final boolean failOpen;
    /** One proxy per bucket, so Bucket4j's batching merges concurrent requests of a key into one entry processor. */
    private final Map<String, BucketProxy> proxies = new ConcurrentHashMap<>();

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
            return RateDecision.of(policy, limit, proxy(bucket + "|" + limit.fingerprint(), limit).tryConsumeAndReturnRemaining(tokens));
        } catch (RuntimeException e) {
            LOG.warn("rate limiter unavailable ({}); request {}", e.getClass().getSimpleName(),
                    failOpen ? "allowed (failOpen)" : "refused (failOpen: false)");
            return RateDecision.unavailable(policy, limit, failOpen);
        }
    }

    private BucketProxy proxy(String key, RateLimit limit) {
        BucketProxy proxy = proxies.get(key);
        if (proxy != null) {
            return proxy;
        }
        if (proxies.size() >= MAX_CACHED_PROXIES) {
            proxies.clear();
        }
        return proxies.computeIfAbsent(key, k -> buckets.builder().withOptimization(Optimizations.batching())
                .build(k, () -> configuration(limit)));
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
