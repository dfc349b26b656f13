package dev.countd.api.auth;

import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;

/** The request's security context once a key is accepted; roles are scopes. */
record ApiKeySecurityContext(ApiKeyPrincipal principal, boolean secure) implements SecurityContext {

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal.key().scopes().stream().anyMatch(scope -> scope.value().equals(role));
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
