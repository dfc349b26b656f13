package dev.countd.api.auth;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.ws.rs.container.ContainerRequestContext;

import java.io.IOException;

/**
 * Hands the connection's peer address to JAX-RS filters: a servlet filter stores it as a request
 * attribute, which Jersey exposes as a request property. Forwarding headers are not trusted.
 */
public final class ClientAddress implements Filter {

    static final String ATTRIBUTE = "countd.clientAddress";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute(ATTRIBUTE, request.getRemoteAddr());
        chain.doFilter(request, response);
    }

    static String of(ContainerRequestContext request) {
        return request.getProperty(ATTRIBUTE) instanceof String address ? address : "unknown";
    }
}
