package dev.countd.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.countd.core.apikey.RateLimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code rateLimits:} named plans (capacity, refill tokens, refill period), the plan keys get by
 * default, the per-IP budget for failed authentications, how long an idle bucket is kept once
 * full, and what to do when the limiter's state cannot be reached ({@code failOpen}, default
 * true: let the request through rather than refuse all traffic while the cluster heals).
 */
public class RateLimitsFactory {

    private static final Pattern PLAN_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    @JsonProperty
    private boolean enabled = true;
    @JsonProperty
    private String defaultPlan = "standard";
    @JsonProperty
    private boolean failOpen = true;
    @JsonProperty
    private String idleBucketKeep = "PT1M";
    @JsonProperty
    private String requestTimeout = "PT2S";
    @JsonProperty
    private double localShare = 0.01;
    @JsonProperty
    private String localSyncInterval = "PT0.05S";
    @JsonProperty
    private PlanFactory authFailuresPerIp = new PlanFactory(20, 20, "PT1M");
    @JsonProperty
    private Map<String, PlanFactory> plans = new LinkedHashMap<>(Map.of(
            "free", new PlanFactory(60, 60, "PT1M"),
            "standard", new PlanFactory(1000, 500, "PT1S"),
            "bulk", new PlanFactory(20000, 20000, "PT1S")));

    public boolean enabled() {
        return enabled;
    }

    public boolean failOpen() {
        return failOpen;
    }

    public Duration idleBucketKeep() {
        return Duration.parse(idleBucketKeep);
    }

    public Duration requestTimeout() {
        return Duration.parse(requestTimeout);
    }

    /** The share of a bucket's capacity a member may give out before writing back (see RateLimiter); 0: always exact. */
    public double localShare() {
        return localShare;
    }

    public Duration localSyncInterval() {
        return Duration.parse(localSyncInterval);
    }

    public RateLimit authFailuresPerIp() {
        return authFailuresPerIp.build("authFailuresPerIp");
    }

    public String defaultPlan() {
        if (!plans.containsKey(defaultPlan)) {
            throw new IllegalArgumentException("rateLimits.defaultPlan '" + defaultPlan + "' is not one of rateLimits.plans " + plans.keySet());
        }
        return defaultPlan;
    }

    public Map<String, RateLimit> plans() {
        Map<String, RateLimit> built = new LinkedHashMap<>();
        plans.forEach((name, plan) -> {
            if (!PLAN_NAME.matcher(name).matches() || name.equals("custom")) {
                throw new IllegalArgumentException("rate-limit plan name '" + name
                        + "' must be lower-case letters, digits and '-' (and not 'custom')");
            }
            built.put(name, plan.build("plans." + name));
        });
        return built;
    }

    /** One plan in YAML: {@code {capacity: 1000, refillTokens: 500, refillPeriod: PT1S}}. */
    public static class PlanFactory {
        @JsonProperty
        private long capacity;
        @JsonProperty
        private long refillTokens;
        @JsonProperty
        private String refillPeriod = "PT1S";

        public PlanFactory() {
        }

        PlanFactory(long capacity, long refillTokens, String refillPeriod) {
            this.capacity = capacity;
            this.refillTokens = refillTokens;
            this.refillPeriod = refillPeriod;
        }

        RateLimit build(String where) {
            try {
                return new RateLimit(capacity, refillTokens, Duration.parse(refillPeriod));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("rateLimits." + where + ": " + e.getMessage());
            }
        }
    }
}
