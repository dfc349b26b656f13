package dev.countd.admin.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Ends a dashboard request with a ready response (a redirect to the login page, a 403 page):
 * thrown from deep in a handler, answered as built, never turned into an API problem.
 */
public final class AdminResponseException extends RuntimeException {

    private final transient Response response;

    public AdminResponseException(Response response) {
        super(null, null, false, false);
        this.response = response;
    }

    public Response response() {
        return response;
    }

    /** Registered with Jersey; more specific than the API's catch-all mapper, so it wins. */
    public static final class Mapper implements ExceptionMapper<AdminResponseException> {
        @Override
        public Response toResponse(AdminResponseException exception) {
            return exception.response();
        }
    }
}
