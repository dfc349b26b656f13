package dev.countd.api.ratelimit;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.function.BiConsumer;

/**
 * Writes the request's rate-limit state on its response, in the fields of the IETF httpapi draft
 * ({@code RateLimit-Policy: "standard";q=1000;w=2} and {@code RateLimit: "standard";r=999;t=1})
 * and the common {@code X-RateLimit-Limit/Remaining/Reset} (seconds until full), plus
 * {@code Retry-After} on a refusal.
 */
public final class RateLimitHeaders implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(RateDecision.REQUEST_PROPERTY) instanceof RateDecision decision) {
            MultivaluedMap<String, Object> headers = response.getHeaders();
            write(decision, headers::putSingle);
        }
    }

    /** Hands each header of a decision to {@code header} (nothing when the limiter was unavailable). */
    public static void write(RateDecision decision, BiConsumer<String, String> header) {
        if (decision == null || decision.unavailable()) {
            return;
        }
        String name = "\"" + decision.policy() + "\"";
        header.accept("RateLimit-Policy", name + ";q=" + decision.limit().capacity() + ";w="
                + Math.min(RateDecision.MAX_HEADER_SECONDS, decision.limit().windowSeconds()));
        header.accept("RateLimit", name + ";r=" + decision.remaining() + ";t=" + decision.resetSeconds());
        header.accept("X-RateLimit-Limit", Long.toString(decision.limit().capacity()));
        header.accept("X-RateLimit-Remaining", Long.toString(decision.remaining()));
        header.accept("X-RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (!decision.allowed()) {
            header.accept("Retry-After", Long.toString(decision.retryAfterSeconds()));
        }
    }
}
