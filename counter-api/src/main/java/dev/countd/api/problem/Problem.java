package dev.countd.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem body. {@code type} ends in the problem's stable name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail) {

    public static final String TYPE_BASE = "https://countd.dev/problems/";
    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    public static Problem of(int status, String name, String detail) {
        return new Problem(TYPE_BASE + name, ProblemTitles.title(name, status), status, detail);
    }

    public Response toResponse() {
        return toResponseBuilder().build();
    }

    public Response.ResponseBuilder toResponseBuilder() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }

    /** The stable name: the last segment of {@code type}. */
    public String name() {
        return type.substring(type.lastIndexOf('/') + 1);
    }
}
