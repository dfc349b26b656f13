package dev.countd.api.counter;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.countd.api.problem.Problem;

import java.util.List;

/**
 * Answer of {@code POST /counters/_batch}: one result per operation, in request order. {@code Result}
 * is DESIGN.md's form (the whole counter); {@code MinimalResult} answers {@code Prefer: return=minimal}.
 */
public record BatchResponse(List<?> results) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int status, CounterJson counter, Problem problem) {
    }

    /** Per operation only what changes: {@code clamped} appears only when true; errors keep their problem. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MinimalResult(int status, Long value, Long version, Boolean clamped, Problem problem) {
    }
}
