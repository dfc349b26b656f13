package dev.countd.api.counter;

import dev.countd.api.problem.Problem;
import dev.countd.core.counter.MutationResult;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

/** Turns a core {@link MutationResult} into the HTTP answer: status, body, ETag or problem. */
final class CounterResults {

    private CounterResults() {
    }

    static Response toResponse(MutationResult result, int createdStatus, boolean showClamped) {
        return switch (result.outcome()) {
            case UPDATED -> ok(200, result, showClamped);
            case CREATED -> ok(createdStatus, result, showClamped);
            case DELETED -> Response.noContent().build();
            case NOT_FOUND -> notFound();
            case BOUND_EXCEEDED -> Problem.of(409, "bound-exceeded", result.detail()).toResponse();
            case BOUNDS_CONFLICT -> Problem.of(409, "bounds-conflict", result.detail()).toResponse();
            case INVALID_VALUE -> Problem.of(422, "invalid-value", result.detail()).toResponse();
            case VERSION_MISMATCH -> Problem.of(412, "precondition-failed", result.detail()).toResponse();
        };
    }

    static Response notFound() {
        return Problem.of(404, "counter-not-found", "counter not found").toResponse();
    }

    static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    private static Response ok(int status, MutationResult result, boolean showClamped) {
        return Response.status(status)
                .tag(etag(result.counter().version()))
                .entity(CounterJson.of(result.counter(), showClamped ? result.clamped() : null))
                .build();
    }
}
