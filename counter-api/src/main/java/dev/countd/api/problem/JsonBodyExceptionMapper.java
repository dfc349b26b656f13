package dev.countd.api.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

public class JsonBodyExceptionMapper implements ExceptionMapper<JsonBodyException> {
    @Override
    public Response toResponse(JsonBodyException exception) {
        return JsonProblemMapper.problemFor(exception.jsonCause()).toResponse();
    }
}
