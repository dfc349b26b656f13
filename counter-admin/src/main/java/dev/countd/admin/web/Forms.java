package dev.countd.admin.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads form fields; every refusal is an {@link IllegalArgumentException} whose message is shown on the page. */
public final class Forms {

    private Forms() {
    }

    public static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    public static long wholeNumber(String field, String text) {
        if (blank(text)) {
            throw new IllegalArgumentException(field + " is required");
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a whole number from " + Long.MIN_VALUE + " to "
                    + Long.MAX_VALUE + "; got '" + shorten(text) + "'");
        }
    }

    /** Null when the field is empty. */
    public static Long optionalNumber(String field, String text) {
        return blank(text) ? null : wholeNumber(field, text);
    }

    public static long amount(String text) {
        long by = blank(text) ? 1 : wholeNumber("amount", text);
        if (by < 1) {
            throw new IllegalArgumentException("amount must be a whole number from 1 to " + Long.MAX_VALUE + "; got " + by);
        }
        return by;
    }

    /** {@code key=value} per line; empty lines are skipped. */
    public static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (blank(text)) {
            return labels;
        }
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("labels are written one per line as key=value; '" + shorten(line)
                        + "' has no key");
            }
            labels.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        return labels;
    }

    public static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
