package dev.countd.api.ratelimit;

import dev.countd.core.apikey.ApiKey;
import dev.countd.core.apikey.RateLimit;

import java.util.Map;
import java.util.Optional;

/** The configured plans and which one applies to a key. Immutable. */
public record RatePlans(Map<String, RateLimit> plans, String defaultPlan) {

    public static final String CUSTOM = "custom";

    public RatePlans {
        plans = Map.copyOf(plans);
        if (!plans.containsKey(defaultPlan)) {
            throw new IllegalArgumentException("default plan " + defaultPlan + " is not configured");
        }
    }

    public Optional<RateLimit> plan(String name) {
        return Optional.ofNullable(plans.get(name));
    }

    /** The policy name a key is limited under: its own limit, its plan, or the default plan. */
    public String policyOf(ApiKey key) {
        if (key.rateLimit() != null) {
            return CUSTOM;
        }
        return key.plan() != null && plans.containsKey(key.plan()) ? key.plan() : defaultPlan;
    }

    public RateLimit limitOf(ApiKey key) {
        return key.rateLimit() != null ? key.rateLimit() : plans.get(policyOf(key));
    }
}
