package dev.countd.core.counter;

/**
 * Identity of a counter: the tenant's namespace and the counter's name. Validated on construction,
 * so an instance is always safe to use as a map key or in SQL.
 */
public record CounterId(String namespace, String name) {

    public static final int MAX_NAME_LENGTH = 200;
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
        if (!isNameShaped(name)) {
            throw new CounterValidationException("invalid-counter-name",
                    "counter name must start with a letter or digit, followed by letters, digits, '.', ':' or '-'");
        }
    }

    public static void requireValidNamespace(String namespace) {
        if (!isValidNamespace(namespace)) {
            throw new CounterValidationException("invalid-namespace",
                    "namespace must be 1-63 characters of lower-case letters, digits and '-', starting with a letter or digit");
        }
    }

    public static boolean isValidNamespace(String namespace) {
        if (namespace == null || namespace.isEmpty() || namespace.length() > 63) {
            return false;
        }
        for (int i = 0; i < namespace.length(); i++) {
            char c = namespace.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Same language as {@code [A-Za-z0-9][A-Za-z0-9._:-]*} (length checked by the caller), written out
     * because it runs for every operation of a batch, twice, and a regex matcher costs ten times more.
     */
    private static boolean isNameShaped(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || (i > 0 && (c == '.' || c == '_' || c == ':' || c == '-'));
            if (!ok) {
                return false;
            }
        }
        return true;
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
