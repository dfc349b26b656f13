package dev.countd.api.counter;

import dev.countd.api.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/** Reads the amount of an increment or decrement from {@code ?by=} or a {@code {"by": n}} body (default 1). */
final class Amounts {

    private Amounts() {
    }

    static long resolve(String byParam, byte[] body, String contentType, Function<byte[], AmountBody> parser) {
        Long fromQuery = byParam == null ? null : parse(byParam);
        Long fromBody = null;
        if (body != null && !new String(body, StandardCharsets.UTF_8).isBlank()) {
            if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
                throw new ProblemException(415, "unsupported-media-type", "send the body as application/json");
            }
            AmountBody parsed = parser.apply(body);
            fromBody = parsed == null ? null : parsed.by();
        }
        if (fromQuery != null && fromBody != null && !fromQuery.equals(fromBody)) {
            throw new ProblemException(400, "invalid-amount", "'by' is given twice with different values ("
                    + fromQuery + " in the query, " + fromBody + " in the body)");
        }
        return fromQuery != null ? fromQuery : fromBody != null ? fromBody : 1L;
    }

    private static long parse(String text) {
        String trimmed = text.trim();
        try {
            return Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            boolean numeric = trimmed.matches("[+-]?\\d+");
            throw new ProblemException(400, "invalid-amount", numeric
                    ? "'by' is outside the 64-bit range; it must be an integer from 1 to " + Long.MAX_VALUE
                    : "'by' must be an integer from 1 to " + Long.MAX_VALUE + "; got '" + abbreviate(trimmed) + "'");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
