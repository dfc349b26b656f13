package dev.countd.core.apikey;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What a key may do. The wire form is {@link #value()}, e.g. {@code counters:write}. */
public enum Scope {
    COUNTERS_READ("counters:read"),
    COUNTERS_WRITE("counters:write"),
    ALERTS_MANAGE("alerts:manage"),
    KEYS_MANAGE("keys:manage");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Scope> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    public static Set<Scope> all() {
        return EnumSet.allOf(Scope.class);
    }
}
