package dev.countd.api.admin;

import dev.countd.admin.auth.LoginThrottle;
import dev.countd.api.ratelimit.AuthFailureLimiter;
import dev.countd.api.ratelimit.RateDecision;

/**
 * Failed dashboard logins per IP, on the cluster-wide Bucket4j limiter: buckets of their own
 * ({@code dashboard:<ip>}), separate from the API's failed-key budget.
 */
public final class DashboardLoginThrottle implements LoginThrottle {

    private final AuthFailureLimiter failures;

    public DashboardLoginThrottle(AuthFailureLimiter failures) {
        this.failures = failures;
    }

    @Override
    public long lockedFor(String ip) {
        RateDecision blocked = failures.blocked("dashboard:" + ip);
        return blocked == null ? 0 : blocked.retryAfterSeconds();
    }

    @Override
    public long failed(String ip) {
        RateDecision decision = failures.failed("dashboard:" + ip);
        return decision.allowed() || decision.unavailable() ? 0 : Math.max(1, decision.retryAfterSeconds());
    }
}
