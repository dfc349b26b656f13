package dev.countd.api.ratelimit;

import dev.countd.core.apikey.RateLimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-IP budget for failed authentications. Each failure takes a token from the IP's
 * cluster-wide bucket; once it is empty this member refuses that IP at once (429, without
 * checking the key) until the bucket has refilled a token. Thread-safe.
 */
public final class AuthFailureLimiter {

    public static final String POLICY = "auth-failures";
    private static final int MAX_BLOCKED = 100_000;

    private final RateLimiter limiter;
    private final RateLimit limit;
    private final Map<String, Long> blockedUntilNanos = new ConcurrentHashMap<>();

    public AuthFailureLimiter(RateLimiter limiter, RateLimit limit) {
        this.limiter = limiter;
        this.limit = limit;
    }

    /** The refusal to answer at once when this IP is blocked, else null. */
    public RateDecision blocked(String ip) {
        Long until = blockedUntilNanos.get(ip);
        if (until == null) {
            return null;
        }
        long left = until - System.nanoTime();
        if (left <= 0) {
            blockedUntilNanos.remove(ip, until);
            return null;
        }
        long seconds = Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
        return new RateDecision(POLICY, limit, false, 0, limit.windowSeconds(), seconds, false);
    }

    /** Records one failure; the decision says whether the IP still had budget. */
    public RateDecision failed(String ip) {
        RateDecision decision = limiter.tryConsume("ip:" + ip, POLICY, limit);
        if (!decision.allowed() && !decision.unavailable()) {
            if (blockedUntilNanos.size() >= MAX_BLOCKED) {
                blockedUntilNanos.clear();
            }
            blockedUntilNanos.put(ip, System.nanoTime() + decision.retryAfterSeconds() * 1_000_000_000L);
        }
        return decision;
    }
}
