package dev.countd.api.admin;

import dev.countd.admin.ratelimit.RateLimitView;
import dev.countd.api.ratelimit.RateLimiter;
import dev.countd.api.ratelimit.RatePlans;
import dev.countd.core.apikey.ApiKey;
import dev.countd.core.apikey.RateLimit;

import java.util.Map;

/** Plans from configuration and each key's bucket as the API's rate-limit filter keys it ({@code key:<id>}). */
public final class RateLimitReadout implements RateLimitView {

    private final RatePlans plans;
    private final RateLimiter limiter;

    /** @param limiter null when rate limits are disabled */
    public RateLimitReadout(RatePlans plans, RateLimiter limiter) {
        this.plans = plans;
        this.limiter = limiter;
    }

    @Override
    public boolean enabled() {
        return limiter != null;
    }

    @Override
    public Map<String, RateLimit> plans() {
        return plans.plans();
    }

    @Override
    public String defaultPlan() {
        return plans.defaultPlan();
    }

    @Override
    public String policyOf(ApiKey key) {
        return plans.policyOf(key);
    }

    @Override
    public RateLimit limitOf(ApiKey key) {
        return plans.limitOf(key);
    }

    @Override
    public long remaining(ApiKey key) {
        return limiter == null ? plans.limitOf(key).capacity() : limiter.availableTokens("key:" + key.id(), plans.limitOf(key));
    }
}
