package dev.countd.api.ratelimit;

import dev.countd.core.apikey.RateLimit;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes one token from a named cluster-wide bucket. The bucket's key carries the limit's
 * fingerprint, so changing a key's plan starts it on a bucket of the new shape (the old one
 * expires). When the buckets cannot be reached the answer follows {@code failOpen}. Thread-safe.
 * <p>
 * A member may hand out a small share of a bucket's capacity from its own copy of the bucket before it
 * writes what it took back to the shared one (Bucket4j's delaying optimization): a request then costs no
 * cluster round trip. It writes back when its untold takes would pass the share, and with the first take
 * more than {@code syncInterval} after the last write-back (so a key that takes fewer than one token per
 * interval on a member asks the shared bucket every time). A member refuses only when its copy is empty, and its
 * copy lacks only other members' takes since it last synced (it never holds fewer tokens than the bucket
 * really has), so no request is refused that the limit allows; with N members a bucket can give out at
 * most N times the share more than its limit (1 % of capacity per member by default). Buckets whose share is under one token (capacity under 100 at
 * 1 %) are exact: every take goes to the shared bucket. The rate-limit headers come from the member's copy,
 * so {@code remaining} can be higher than what the cluster has left by other members' takes since the last
 * write-back. The failed-auth and login budgets use an exact limiter (the one-argument constructor).
 */
public final class RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    private static final int MAX_CACHED_PROXIES = 10_000;

    private final ProxyManager<String> buckets;
    private final boolean failOpen;
    private final double localShare;
    private final Duration syncInterval;
    /** One proxy per bucket, so Bucket4j's batching merges concurrent requests of a key into one entry processor. */
    private final Map<BucketKey, BucketProxy> proxies = new ConcurrentHashMap<>();

    /**
     * A bucket as its name identifies it ({@link RateLimit#fingerprint}'s fields: the period in whole ms, so two
     * limits with one name share one proxy), looked up without building the name, which only a new proxy needs.
     */
    private record BucketKey(String bucket, long capacity, long refillTokens, long refillMillis, RateLimit limit) {
        BucketKey(String bucket, RateLimit limit) {
            this(bucket, limit.capacity(), limit.refillTokens(), limit.refillPeriod().toMillis(), limit);
        }

        String name() {
            return bucket + "|" + limit.fingerprint();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof BucketKey that && bucket.equals(that.bucket) && capacity == that.capacity
                    && refillTokens == that.refillTokens && refillMillis == that.refillMillis;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(bucket, capacity, refillTokens, refillMillis);
        }
    }

    /** A limiter whose every take goes to the shared bucket. */
    public RateLimiter(ProxyManager<String> buckets, boolean failOpen) {
        this(buckets, failOpen, 0, Duration.ZERO);
    }

    /**
     * @param localShare   the share of a bucket's capacity (0 to 0.1) this member may give out before writing back
     * @param syncInterval the longest a member runs on its own copy of a bucket
     */
    public RateLimiter(ProxyManager<String> buckets, boolean failOpen, double localShare, Duration syncInterval) {
        if (!(localShare >= 0 && localShare <= 0.1) || syncInterval.isNegative()) {
            throw new IllegalArgumentException("localShare must be between 0 and 0.1 and syncInterval not negative");
        }
        this.buckets = buckets;
        this.failOpen = failOpen;
        this.localShare = localShare;
        this.syncInterval = syncInterval;
    }

    public RateDecision tryConsume(String bucket, String policy, RateLimit limit) {
        return tryConsume(bucket, policy, limit, 1);
    }

    /** Takes {@code tokens} at once (a batch costs one token per operation), or none. */
    public RateDecision tryConsume(String bucket, String policy, RateLimit limit, long tokens) {
        try {
            return RateDecision.of(policy, limit, proxy(new BucketKey(bucket, limit)).tryConsumeAndReturnRemaining(tokens));
        } catch (RuntimeException e) {
            LOG.warn("rate limiter unavailable ({}); request {}", e.getClass().getSimpleName(),
                    failOpen ? "allowed (failOpen)" : "refused (failOpen: false)");
            return RateDecision.unavailable(policy, limit, failOpen);
        }
    }

    private BucketProxy proxy(BucketKey key) {
        BucketProxy proxy = proxies.get(key);
        if (proxy != null) {
            return proxy;
        }
        if (proxies.size() >= MAX_CACHED_PROXIES) {
            forgetAll();
        }
        return proxies.computeIfAbsent(key, k -> buckets.builder().withOptimization(optimization(k.limit()))
                .build(k.name(), () -> configuration(k.limit())));
    }

    /** Drops every cached proxy, first writing back what each took locally (else those takes were never counted). */
    private void forgetAll() {
        for (BucketKey key : proxies.keySet()) {
            BucketProxy dropped = proxies.remove(key);
            if (dropped != null) {
                try {
                    dropped.getOptimizationController().syncImmediately();
                } catch (RuntimeException e) {
                    LOG.warn("rate limiter unavailable ({}) while writing back local takes", e.getClass().getSimpleName());
                }
            }
        }
    }

    /** Local takes for buckets big enough to have a share of at least one token; exact (batched) otherwise. */
    Optimization optimization(RateLimit limit) {
        long share = localTokens(limit);
        return share < 1 || syncInterval.isZero() ? Optimizations.batching()
                : Optimizations.delaying(new DelayParameters(share, syncInterval));
    }

    /** How many tokens of {@code limit} this member may give out before writing back. */
    long localTokens(RateLimit limit) {
        return (long) Math.floor(limit.capacity() * localShare);
    }

    /** Tokens the bucket holds now, without taking one; a bucket never used (or expired) is full. */
    public long availableTokens(String bucket, RateLimit limit) {
        String key = new BucketKey(bucket, limit).name();
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
