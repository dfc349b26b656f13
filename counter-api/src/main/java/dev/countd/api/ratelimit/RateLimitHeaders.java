package dev.countd.api.ratelimit;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Writes the request's rate-limit state on its response, in the fields of the IETF httpapi draft
 * ({@code RateLimit-Policy: "standard";q=1000;w=2} and {@code RateLimit: "standard";r=999;t=1})
 * and the common {@code X-RateLimit-Limit/Remaining/Reset} (seconds until full), plus
 * {@code Retry-After} on a refusal.
 */
public final class RateLimitHeaders implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(RateDecision.REQUEST_PROPERTY) instanceof RateDecision decision) || decision.unavailable()) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        String name = "\"" + decision.policy() + "\"";
        headers.putSingle("RateLimit-Policy", name + ";q=" + decision.limit().capacity() + ";w=" + decision.limit().windowSeconds());
        headers.putSingle("RateLimit", name + ";r=" + decision.remaining() + ";t=" + decision.resetSeconds());
        headers.putSingle("X-RateLimit-Limit", Long.toString(decision.limit().capacity()));
        headers.putSingle("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        headers.putSingle("X-RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            headers.putSingle("Retry-After", Long.toString(decision.retryAfterSeconds()));
        }
    }
}
