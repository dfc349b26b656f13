package dev.countd.api.counter;

import dev.countd.api.idempotency.IdempotencyKeys;
import dev.countd.api.problem.Problem;
import dev.countd.core.counter.MutationOutcome;
import dev.countd.core.counter.MutationResult;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

/** Turns a core {@link MutationResult} into the HTTP answer: status, body, ETag or problem. */
final class CounterResults {

    private CounterResults() {
    }

    static Response toResponse(MutationResult result, int createdStatus, boolean showClamped) {
        Response response = answer(result, createdStatus, showClamped);
        if (result.replayed()) {
            return Response.fromResponse(response).header(IdempotencyKeys.REPLAYED_HEADER, "true").build();
        }
        return response;
    }

    /** The status a result answers with, for batch items. */
    static int status(MutationResult result, int createdStatus) {
        return switch (result.outcome()) {
            case UPDATED -> 200;
            case CREATED -> createdStatus;
            case DELETED -> 204;
            case NOT_FOUND -> 404;
            case BOUND_EXCEEDED, BOUNDS_CONFLICT -> 409;
            case INVALID_VALUE, KEY_REUSED -> 422;
            case VERSION_MISMATCH -> 412;
        };
    }

    static Problem problem(MutationResult result) {
        return switch (result.outcome()) {
            case NOT_FOUND -> Problem.of(404, "counter-not-found", "counter not found");
            case BOUND_EXCEEDED -> Problem.of(409, "bound-exceeded", result.detail());
            case BOUNDS_CONFLICT -> Problem.of(409, "bounds-conflict", result.detail());
            case INVALID_VALUE -> Problem.of(422, "invalid-value", result.detail());
            case VERSION_MISMATCH -> Problem.of(412, "precondition-failed", result.detail());
            case KEY_REUSED -> Problem.of(422, "idempotency-key-reused", result.detail());
            default -> null;
        };
    }

    private static Response answer(MutationResult result, int createdStatus, boolean showClamped) {
        return switch (result.outcome()) {
            case UPDATED -> ok(200, result, showClamped);
            case CREATED -> ok(createdStatus, result, showClamped);
            case DELETED -> Response.noContent().build();
            default -> problem(result).toResponse();
        };
    }

    static Response notFound() {
        return Problem.of(404, "counter-not-found", "counter not found").toResponse();
    }

    static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** {@link #etag}'s header value as JAX-RS writes it (a strong tag: the version in quotes). */
    static String etagHeader(long version) {
        return "\"" + version + "\"";
    }

    /**
     * A result {@link #toResponse} answers with the counter and its ETag only: an update or a creation that was
     * not a replay (a replay adds a header). The lean path writes these itself, with {@link #status}.
     */
    static boolean isPlainSuccess(MutationResult result) {
        return (result.outcome() == MutationOutcome.UPDATED || result.outcome() == MutationOutcome.CREATED)
                && !result.replayed();
    }

    private static Response ok(int status, MutationResult result, boolean showClamped) {
        return Response.status(status)
                .tag(etag(result.counter().version()))
                .entity(CounterJson.of(result.counter(), showClamped ? result.clamped() : null))
                .build();
    }
}
