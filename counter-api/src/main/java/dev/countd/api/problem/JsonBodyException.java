package dev.countd.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Carries a Jackson failure out of a resource that parses its own body, for {@code JsonProblemMapper}. */
public class JsonBodyException extends RuntimeException {
    public JsonBodyException(JsonProcessingException cause) {
        super(cause.getOriginalMessage(), cause, false, false);
    }

    public JsonProcessingException jsonCause() {
        return (JsonProcessingException) getCause();
    }
}
