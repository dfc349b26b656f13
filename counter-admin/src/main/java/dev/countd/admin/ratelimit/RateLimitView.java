package dev.countd.admin.ratelimit;

import dev.countd.core.apikey.ApiKey;
import dev.countd.core.apikey.RateLimit;

import java.util.Map;

/** The rate-limit plans and each key's bucket as the dashboard shows them; implemented by the application. */
public interface RateLimitView {

    boolean enabled();

    Map<String, RateLimit> plans();

    String defaultPlan();

    /** The plan a key is limited under ({@code custom} for its own limit). */
    String policyOf(ApiKey key);

    RateLimit limitOf(ApiKey key);

    /** Tokens the key's bucket holds now, without taking one. */
    long remaining(ApiKey key);
}
