package dev.countd.admin.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Headers on every dashboard response: a CSP that allows only the jar's own stylesheet (no
 * scripts, no inline styles, forms post only to this origin, no framing), no caching of pages,
 * no MIME sniffing, no referrer.
 */
public final class SecurityHeadersFilter implements ContainerResponseFilter {

    public static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!request.getUriInfo().getPath().startsWith("admin")) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Content-Security-Policy", CSP);
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("Referrer-Policy", "no-referrer");
        headers.putSingle("X-Frame-Options", "DENY");
        if (!request.getUriInfo().getPath().startsWith("admin/static/")) {
            headers.putSingle("Cache-Control", "no-store");
        }
    }
}
