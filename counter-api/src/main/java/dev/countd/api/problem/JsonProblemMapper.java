package dev.countd.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.countd.core.counter.CounterValidationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.stream.Collectors;

/**
 * Bodies Jackson could not read. The detail names the field and what was expected, never the
 * parser's internals (which would echo class names and source positions).
 */
public class JsonProblemMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException exception) {
        return problemFor(exception).toResponse();
    }

    public static Problem problemFor(JsonProcessingException exception) {
        if (exception.getCause() instanceof CounterValidationException validation) {
            return Problem.of(422, validation.problem(), validation.getMessage());
        }
        if (exception instanceof UnrecognizedPropertyException unknown) {
            return Problem.of(400, "unknown-field", "unknown field '" + unknown.getPropertyName()
                    + "'; allowed: " + unknown.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", ")));
        }
        if (exception instanceof InvalidFormatException invalid) {
            return Problem.of(400, "malformed-json", "field '" + path(invalid) + "' has an invalid value"
                    + expected(invalid.getTargetType()));
        }
        if (exception instanceof MismatchedInputException mismatched && !path(mismatched).isEmpty()) {
            return Problem.of(400, "malformed-json", "field '" + path(mismatched) + "' has the wrong type"
                    + expected(mismatched.getTargetType()));
        }
        if (exception instanceof JsonMappingException databind && !path(databind).isEmpty()) {
            return Problem.of(400, "malformed-json", "field '" + path(databind) + "' could not be read"
                    + (exception.getOriginalMessage() != null && exception.getOriginalMessage().contains("out of range")
                    ? ": number out of the 64-bit range" : ""));
        }
        return Problem.of(400, "malformed-json", "request body is not valid JSON"
                + (exception.getLocation() != null ? " (line " + exception.getLocation().getLineNr()
                + ", column " + exception.getLocation().getColumnNr() + ")" : ""));
    }

    private static String path(JsonMappingException exception) {
        return exception.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        if (type == Long.class || type == long.class) {
            return ": expected an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
        }
        if (type.isEnum()) {
            StringBuilder names = new StringBuilder();
            for (Object constant : type.getEnumConstants()) {
                names.append(names.length() == 0 ? "" : ", ").append(constant);
            }
            return ": expected one of " + names;
        }
        if (type == String.class) {
            return ": expected a string";
        }
        return "";
    }
}
