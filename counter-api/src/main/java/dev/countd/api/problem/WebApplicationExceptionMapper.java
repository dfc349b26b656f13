package dev.countd.api.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Jersey's own refusals (unknown route, wrong method, wrong media type) as problems. */
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        String name;
        String detail;
        switch (status) {
            case 404 -> {
                name = "not-found";
                detail = "no such resource";
            }
            case 405 -> {
                name = "method-not-allowed";
                detail = "this resource does not support that method"
                        + (original.getAllowedMethods().isEmpty() ? "" : "; allowed: " + String.join(", ", original.getAllowedMethods()));
            }
            case 406 -> {
                name = "not-acceptable";
                detail = "this resource answers with application/json";
            }
            case 413 -> {
                name = "payload-too-large";
                detail = "request body exceeds the limit";
            }
            case 415 -> {
                name = "unsupported-media-type";
                detail = "send the body as application/json";
            }
            default -> {
                name = status >= 500 ? "internal-error" : "bad-request";
                detail = status >= 500 ? "the request could not be completed" : "the request was not understood";
            }
        }
        Response.ResponseBuilder builder = Problem.of(status, name, detail).toResponseBuilder();
        if (status == 405) {
            builder.allow(original.getAllowedMethods());
        }
        return builder.build();
    }
}
