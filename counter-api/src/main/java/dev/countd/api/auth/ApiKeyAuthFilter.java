package dev.countd.api.auth;

import dev.countd.api.problem.Problem;
import dev.countd.api.ratelimit.AuthFailureLimiter;
import dev.countd.api.ratelimit.RateDecision;
import dev.countd.api.ratelimit.RateLimitMetrics;
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

    @Override
    public void filter(ContainerRequestContext request) {
        String ip = ClientAddress.of(request);
        RateDecision blocked = failures == null ? null : failures.blocked(ip);
        if (blocked != null) {
            refuseTooMany(request, blocked);
            return;
        }
        Authentication result = registry.authenticate(presentedKey(request));
        if (result instanceof Authentication.Accepted accepted) {
            request.setSecurityContext(new ApiKeySecurityContext(new ApiKeyPrincipal(accepted.key()),
                    request.getUriInfo().getRequestUri().getScheme().equals("https")));
            return;
        }
        metrics.authFailure();
        Authentication.Reason reason = ((Authentication.Refused) result).reason();
        RateDecision decision = failures == null ? null : failures.failed(ip);
        if (decision != null && !decision.allowed() && !decision.unavailable()) {
            refuseTooMany(request, decision);
            return;
        }
        if (decision != null) {
            request.setProperty(RateDecision.REQUEST_PROPERTY, decision);
        }
        String challenge = reason == Authentication.Reason.MISSING ? "Bearer realm=\"countd\""
                : "Bearer realm=\"countd\", error=\"invalid_token\"";
        request.abortWith(Problem.of(401, "unauthorized", detail(reason)).toResponseBuilder()
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge).build());
    }

    private static void refuseTooMany(ContainerRequestContext request, RateDecision decision) {
        request.setProperty(RateDecision.REQUEST_PROPERTY, decision);
        request.abortWith(Problem.of(429, "rate-limited", "too many failed authentications from this address; retry in "
                + decision.retryAfterSeconds() + " s").toResponse());
    }

    static String presentedKey(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).trim();
        }
        if (authorization != null && !authorization.isBlank()) {
            return "\u0000unsupported";
        }
        String header = request.getHeaderString(API_KEY_HEADER);
        return header == null ? null : header.trim();
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
