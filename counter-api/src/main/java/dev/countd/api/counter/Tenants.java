package dev.countd.api.counter;

import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;

/** The namespace a request acts in: the authenticated key's, or {@code default} when auth is not in play. */
public final class Tenants {

    public static final String DEFAULT_NAMESPACE = "default";

    private Tenants() {
    }

    public static String namespace(SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (principal instanceof NamespacedPrincipal namespaced) {
            return namespaced.namespace();
        }
        return DEFAULT_NAMESPACE;
    }

    /** Implemented by whatever authenticates a request; gives its tenant. */
    public interface NamespacedPrincipal extends Principal {
        String namespace();
    }
}
