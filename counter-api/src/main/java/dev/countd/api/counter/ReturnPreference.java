package dev.countd.api.counter;

import java.util.Locale;

/**
 * The {@code return} preference of RFC 7240's {@code Prefer} request header. Only
 * {@code return=minimal} changes anything (the batch route then answers per operation only status,
 * value and version); anything else, unknown preferences included, is ignored as the RFC asks.
 */
final class ReturnPreference {

    static final String HEADER = "Prefer";
    static final String APPLIED_HEADER = "Preference-Applied";
    static final String MINIMAL = "return=minimal";

    private ReturnPreference() {
    }

    /** True when one of the header's comma-separated preferences is {@code return=minimal} (parameters ignored). */
    static boolean minimal(String header) {
        if (header == null) {
            return false;
        }
        for (String preference : header.split(",")) {
            int semicolon = preference.indexOf(';');
            String token = (semicolon < 0 ? preference : preference.substring(0, semicolon)).trim();
            int equals = token.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = token.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            String value = token.substring(equals + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (name.equals("return")) {
                return value.equalsIgnoreCase("minimal"); // the first return preference counts
            }
        }
        return false;
    }
}
