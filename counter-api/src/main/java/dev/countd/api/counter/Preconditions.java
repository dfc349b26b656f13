package dev.countd.api.counter;

import dev.countd.api.problem.ProblemException;

/** Parses the version ETags of {@code If-Match} and {@code If-None-Match} ({@code "<version>"}). */
final class Preconditions {

    private Preconditions() {
    }

    /** The version an If-Match header requires, or null without one. */
    static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.length() >= 3 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                return Long.parseLong(tag.substring(1, tag.length() - 1));
            } catch (NumberFormatException ignored) {
                // falls through to the problem below
            }
        }
        throw new ProblemException(400, "invalid-header",
                "If-Match must be one entity tag as returned in ETag, such as \"3\"");
    }

    static boolean matchesAny(String ifNoneMatch, long version) {
        if (ifNoneMatch == null) {
            return false;
        }
        String wanted = "\"" + version + "\"";
        for (String tag : ifNoneMatch.split(",")) {
            String trimmed = tag.trim();
            if (trimmed.equals("*") || trimmed.equals(wanted) || trimmed.equals("W/" + wanted)) {
                return true;
            }
        }
        return false;
    }
}
