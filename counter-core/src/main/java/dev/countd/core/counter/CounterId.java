package dev.countd.core.counter;

import java.util.regex.Pattern;

/**
 * Identity of a counter: the tenant's namespace and the counter's name. Validated on construction,
 * so an instance is always safe to use as a map key or in SQL.
 */
public record CounterId(String namespace, String name) {

    public static final int MAX_NAME_LENGTH = 200;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** Separates namespace and name in the map key; neither may contain it. */
    static final char KEY_SEPARATOR = '/';

    public CounterId {
        requireValidNamespace(namespace);
        requireValidName(name);
    }

    public static void requireValidName(String name) {
        if (name == null || name.isEmpty()) {
            throw new CounterValidationException("invalid-counter-name", "counter name must not be empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new CounterValidationException("invalid-counter-name",
                    "counter name is " + name.length() + " characters long; the limit is " + MAX_NAME_LENGTH);
        }
        if (!NAME.matcher(name).matches()) {
            throw new CounterValidationException("invalid-counter-name",
                    "counter name must start with a letter or digit, followed by letters, digits, '.', ':' or '-'");
        }
    }

    public static void requireValidNamespace(String namespace) {
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new CounterValidationException("invalid-namespace",
                    "namespace must be 1-63 characters of lower-case letters, digits and '-', starting with a letter or digit");
        }
    }

    public static boolean isValidNamespace(String namespace) {
        return namespace != null && NAMESPACE.matcher(namespace).matches();
    }

    /** The IMap key: {@code namespace/name}. Sorts by namespace, then name. */
    public String key() {
        return namespace + KEY_SEPARATOR + name;
    }

    public static CounterId fromKey(String key) {
        int separator = key.indexOf(KEY_SEPARATOR);
        if (separator <= 0) {
            throw new IllegalArgumentException("not a counter key");
        }
        return new CounterId(key.substring(0, separator), key.substring(separator + 1));
    }
}
