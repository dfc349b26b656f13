package dev.countd.api.ratelimit;

import dev.countd.api.auth.ApiKeyPrincipal;
import dev.countd.api.problem.Problem;
import dev.countd.core.apikey.ApiKey;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * After authentication: takes one token from the key's bucket and answers 429 when it is empty
 * (or 503 when the limiter is unreachable and failOpen is off).
 */
@Priority(Priorities.AUTHENTICATION + 10)
public final class RateLimitFilter implements ContainerRequestFilter {

    private final RateLimiter limiter;
    private final RatePlans plans;
    private final RateLimitMetrics metrics;

    public RateLimitFilter(RateLimiter limiter, RatePlans plans, RateLimitMetrics metrics) {
        this.limiter = limiter;
        this.plans = plans;
        this.metrics = metrics;
    }

    /**
     * Charges a request for more than the one token the filter took (a batch: one per operation).
     * Returns the refusal to answer with, or null when the tokens were taken: 429 when the bucket has too
     * few now, 422 when it can never hold that many (more operations than the limit's capacity).
     */
    public jakarta.ws.rs.core.Response chargeExtra(ContainerRequestContext request, long tokens) {
        if (tokens < 1 || !(request.getSecurityContext().getUserPrincipal() instanceof ApiKeyPrincipal principal)) {
            return null;
        }
        String policy = plans.policyOf(principal.key());
        long capacity = plans.limitOf(principal.key()).capacity();
        if (tokens + 1 > capacity) {
            // no wait would ever make room: a 429 with Retry-After would send the client into a retry loop
            return Problem.of(422, "batch-exceeds-rate-limit", "this batch needs " + (tokens + 1) + " tokens (one per "
                    + "operation), more than the " + capacity + " the key's rate limit (plan " + policy + ") can ever hold; "
                    + "send at most " + capacity + " operations per batch").toResponse();
        }
        RateDecision decision = limiter.tryConsume("key:" + principal.key().id(), policy, plans.limitOf(principal.key()), tokens);
        request.setProperty(RateDecision.REQUEST_PROPERTY, decision);
        if (decision.allowed()) {
            return null;
        }
        metrics.rejected(policy);
        return Problem.of(429, "rate-limited", "this batch needs " + (tokens + 1) + " tokens (one per operation); the key's "
                + "rate limit (plan " + policy + ") has fewer left; retry in " + decision.retryAfterSeconds() + " s").toResponse();
    }

    /** One request's take from its key's bucket; {@code refusal} is null when the token was taken. */
    public record Charge(RateDecision decision, Problem refusal) {
    }

    /** Takes one token for a request of {@code key}, for any HTTP front (this filter and the lean counter routes). */
    public Charge charge(ApiKey key) {
        String policy = plans.policyOf(key);
        RateDecision decision = limiter.tryConsume("key:" + key.id(), policy, plans.limitOf(key));
        if (decision.allowed()) {
            return new Charge(decision, null);
        }
        metrics.rejected(policy);
        if (decision.unavailable()) {
            return new Charge(decision, Problem.of(503, "rate-limiter-unavailable",
                    "the rate limiter cannot be reached and is configured to fail closed; retry shortly"));
        }
        return new Charge(decision, Problem.of(429, "rate-limited", "this API key's rate limit (plan " + policy
                + ") is exhausted; retry in " + decision.retryAfterSeconds() + " s"));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof ApiKeyPrincipal principal)) {
            return;
        }
        Charge charge = charge(principal.key());
        request.setProperty(RateDecision.REQUEST_PROPERTY, charge.decision());
        if (charge.refusal() != null) {
            request.abortWith(charge.refusal().toResponse());
        }
    }
}
