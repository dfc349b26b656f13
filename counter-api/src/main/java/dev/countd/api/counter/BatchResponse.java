package dev.countd.api.counter;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.countd.api.problem.Problem;

import java.util.List;

/** Answer of {@code POST /counters/_batch}: one result per operation, in request order. */
public record BatchResponse(List<Result> results) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int status, CounterJson counter, Problem problem) {
    }
}
