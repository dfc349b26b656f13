package dev.countd.api.auth;

import dev.countd.api.problem.Problem;
import dev.countd.core.apikey.Scope;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/** 403 unless the authenticated key holds the route's scope. */
@Priority(Priorities.AUTHORIZATION)
public final class ScopeFilter implements ContainerRequestFilter {

    private final Scope required;

    ScopeFilter(Scope required) {
        this.required = required;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext().getUserPrincipal() instanceof ApiKeyPrincipal principal
                && principal.key().has(required)) {
            return;
        }
        request.abortWith(refusal(required).toResponse());
    }

    /** The 403 for a key without {@code required}. */
    public static Problem refusal(Scope required) {
        return Problem.of(403, "insufficient-scope",
                "this API key lacks the scope " + required.value() + " that this route requires");
    }
}
