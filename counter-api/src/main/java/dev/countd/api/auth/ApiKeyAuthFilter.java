package dev.countd.api.auth;

import dev.countd.api.problem.Problem;
import dev.countd.api.ratelimit.AuthFailureLimiter;
import dev.countd.api.ratelimit.RateDecision;
import dev.countd.api.ratelimit.RateLimitMetrics;
import dev.countd.core.apikey.ApiKey;
import dev.countd.core.apikey.ApiKeyRegistry;
import dev.countd.core.apikey.Authentication;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Accepts {@code Authorization: Bearer ck_...} or {@code X-API-Key: ck_...}. A missing, malformed,
 * unknown, revoked or expired key is 401 with {@code WWW-Authenticate: Bearer} and costs the
 * client's IP one token of its failure budget; an IP that spent it all is 429 until it refills.
 * The client IP is the connection's peer address ({@link ClientAddress}).
 */
@Priority(Priorities.AUTHENTICATION)
public final class ApiKeyAuthFilter implements ContainerRequestFilter {

    public static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private final ApiKeyRegistry registry;
    private final AuthFailureLimiter failures;
    private final RateLimitMetrics metrics;

    public ApiKeyAuthFilter(ApiKeyRegistry registry, AuthFailureLimiter failures, RateLimitMetrics metrics) {
        this.registry = registry;
        this.failures = failures;
        this.metrics = metrics;
    }

    /**
     * What authentication decided for one request, for any HTTP front (the Jersey filter below and
     * the lean counter routes). Exactly one of {@code key} and {@code refusal} is set; {@code decision}
     * is the IP's failure-budget state to show in the rate-limit headers, or null.
     */
    public record Outcome(ApiKey key, Problem refusal, String challenge, RateDecision decision) {
    }

    /** Checks a presented key ({@link #presentedKey(String, String)}) from the connection's peer address. */
    public Outcome check(String presentedKey, String ip) {
        RateDecision blocked = failures == null ? null : failures.blocked(ip);
        if (blocked != null) {
            return tooMany(blocked);
        }
        Authentication result = registry.authenticate(presentedKey);
        if (result instanceof Authentication.Accepted accepted) {
            return new Outcome(accepted.key(), null, null, null);
        }
        metrics.authFailure();
        Authentication.Reason reason = ((Authentication.Refused) result).reason();
        RateDecision decision = failures == null ? null : failures.failed(ip);
        if (decision != null && !decision.allowed() && !decision.unavailable()) {
            return tooMany(decision);
        }
        String challenge = reason == Authentication.Reason.MISSING ? "Bearer realm=\"countd\""
                : "Bearer realm=\"countd\", error=\"invalid_token\"";
        return new Outcome(null, Problem.of(401, "unauthorized", detail(reason)), challenge, decision);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Outcome outcome = check(presentedKey(request.getHeaderString(HttpHeaders.AUTHORIZATION),
                request.getHeaderString(API_KEY_HEADER)), ClientAddress.of(request));
        if (outcome.decision() != null) {
            request.setProperty(RateDecision.REQUEST_PROPERTY, outcome.decision());
        }
        if (outcome.key() != null) {
            request.setSecurityContext(new ApiKeySecurityContext(new ApiKeyPrincipal(outcome.key()),
                    request.getUriInfo().getRequestUri().getScheme().equals("https")));
            return;
        }
        var refusal = outcome.refusal().toResponseBuilder();
        if (outcome.challenge() != null) {
            refusal.header(HttpHeaders.WWW_AUTHENTICATE, outcome.challenge());
        }
        request.abortWith(refusal.build());
    }

    private static Outcome tooMany(RateDecision decision) {
        return new Outcome(null, Problem.of(429, "rate-limited", "too many failed authentications from this address; retry in "
                + decision.retryAfterSeconds() + " s"), null, decision);
    }

    /** The key a request presents: {@code Authorization: Bearer} first, else {@code X-API-Key}. */
    public static String presentedKey(String authorization, String apiKeyHeader) {
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).trim();
        }
        if (authorization != null && !authorization.isBlank()) {
            return "\u0000unsupported";
        }
        return apiKeyHeader == null ? null : apiKeyHeader.trim();
    }

    private static String detail(Authentication.Reason reason) {
        return switch (reason) {
            case MISSING -> "an API key is required: send Authorization: Bearer ck_... or X-API-Key: ck_...";
            case MALFORMED -> "the API key is malformed (or the Authorization scheme is not Bearer)";
            case UNKNOWN -> "the API key is not valid";
            case REVOKED -> "the API key has been revoked";
            case EXPIRED -> "the API key has expired";
        };
    }
}
