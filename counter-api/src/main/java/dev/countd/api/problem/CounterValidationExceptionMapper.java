package dev.countd.api.problem;

import dev.countd.core.counter.CounterValidationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.Set;

/** Requests the core refuses before touching any counter: 422 for bad amounts and fields, 400 for the rest. */
public class CounterValidationExceptionMapper implements ExceptionMapper<CounterValidationException> {

    private static final Set<String> UNPROCESSABLE = Set.of("invalid-amount", "invalid-field");

    @Override
    public Response toResponse(CounterValidationException exception) {
        int status = UNPROCESSABLE.contains(exception.problem()) ? 422 : 400;
        return Problem.of(status, exception.problem(), exception.getMessage()).toResponse();
    }
}
