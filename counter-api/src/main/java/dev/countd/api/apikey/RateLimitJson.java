package dev.countd.api.apikey;

import dev.countd.api.problem.ProblemException;
import dev.countd.core.apikey.RateLimit;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** A key's own limit on the wire: {@code {"capacity":50,"refillTokens":1,"refillPeriod":"PT1M"}}. */
public record RateLimitJson(Long capacity, Long refillTokens, String refillPeriod) {

    static RateLimitJson of(RateLimit limit) {
        return limit == null ? null : new RateLimitJson(limit.capacity(), limit.refillTokens(), limit.refillPeriod().toString());
    }

    RateLimit toRateLimit() {
        if (capacity == null || refillTokens == null || refillPeriod == null) {
            throw new ProblemException(422, "invalid-field", "rateLimit needs capacity, refillTokens and refillPeriod");
        }
        Duration period;
        try {
            period = Duration.parse(refillPeriod);
        } catch (DateTimeParseException e) {
            throw new ProblemException(422, "invalid-field", "rateLimit.refillPeriod must be an ISO-8601 duration such as PT1S");
        }
        try {
            return new RateLimit(capacity, refillTokens, period);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(422, "invalid-field", "rateLimit: " + e.getMessage());
        }
    }
}
