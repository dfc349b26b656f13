package dev.countd.api.counter;

import java.time.Instant;
import java.util.Map;

/**
 * A {@link CounterJson} as the bytes the API's mapper writes for it (field order, {@code NON_NULL}, Jackson's string
 * escapes, ISO-8601 instants), built straight into one array of the exact size. The lean increment routes answer with
 * it: Jackson's per-call writer, generator, buffers and timestamp formatting were about a seventh of what an increment
 * allocated (docs/benchmarks.md), and every megabyte allocated brings the next young pause closer.
 * {@code CounterJsonBytesProperties} checks it against the mapper over generated counters.
 * <p>
 * Strings holding surrogates (characters beyond the Basic Multilingual Plane, or broken pairs) and instants outside
 * the years 1970-9999 or finer than a millisecond are left to the mapper, whose rules for them this class does not
 * repeat: {@link #of} answers null for them.
 */
final class CounterJsonBytes {

    private static final long LAST_MILLI = 253_402_300_799_999L; // 9999-12-31T23:59:59.999Z: four-digit years
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};

    /** Null while only measuring the size. */
    private final byte[] out;
    private int at;

    private CounterJsonBytes(byte[] out) {
        this.out = out;
    }

    /** The JSON, or null when the mapper must write it (see the class comment). */
    static byte[] of(CounterJson counter) {
        if (!plain(counter)) {
            return null;
        }
        CounterJsonBytes size = new CounterJsonBytes(null);
        size.counter(counter);
        CounterJsonBytes json = new CounterJsonBytes(new byte[size.at]);
        json.counter(counter);
        return json.out;
    }

    private static boolean plain(CounterJson c) {
        if (!plain(c.namespace()) || !plain(c.name()) || !plain(c.description())
                || !plain(c.createdAt()) || !plain(c.updatedAt())) {
            return false;
        }
        if (c.labels() != null) {
            for (Map.Entry<String, String> label : c.labels().entrySet()) {
                if (label.getKey() == null || !plain(label.getKey()) || !plain(label.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean plain(String s) {
        if (s == null) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean plain(Instant t) {
        if (t == null) {
            return true;
        }
        return t.getEpochSecond() >= 0 && t.getEpochSecond() <= LAST_MILLI / 1000 && t.getNano() % 1_000_000 == 0;
    }

    /** The record's components in order; null ones left out ({@code @JsonInclude(NON_NULL)}). */
    private void counter(CounterJson c) {
        ascii("{");
        boolean first = true;
        first = field(first, "namespace", c.namespace());
        first = field(first, "name", c.name());
        first = field(first, "value", c.value());
        first = field(first, "min", c.min());
        first = field(first, "max", c.max());
        first = field(first, "initial", c.initial());
        first = field(first, "overflow", c.overflow() == null ? null : c.overflow().name());
        first = field(first, "version", c.version());
        first = field(first, "description", c.description());
        if (c.labels() != null) {
            first = name(first, "labels");
            ascii("{");
            boolean firstLabel = true;
            for (Map.Entry<String, String> label : c.labels().entrySet()) {
                if (!firstLabel) {
                    ascii(",");
                }
                firstLabel = false;
                string(label.getKey());
                ascii(":");
                if (label.getValue() == null) {
                    ascii("null");
                } else {
                    string(label.getValue());
                }
            }
            ascii("}");
        }
        first = field(first, "createdAt", c.createdAt());
        first = field(first, "updatedAt", c.updatedAt());
        if (c.clamped() != null) {
            name(first, "clamped");
            ascii(c.clamped() ? "true" : "false");
        }
        ascii("}");
    }

    private boolean name(boolean first, String name) {
        if (!first) {
            ascii(",");
        }
        ascii("\"");
        ascii(name);
        ascii("\":");
        return false;
    }

    private boolean field(boolean first, String name, String value) {
        if (value == null) {
            return first;
        }
        name(first, name);
        string(value);
        return false;
    }

    private boolean field(boolean first, String name, long value) {
        name(first, name);
        number(value);
        return false;
    }

    private boolean field(boolean first, String name, Instant value) {
        if (value == null) {
            return first;
        }
        name(first, name);
        instant(value.toEpochMilli());
        return false;
    }

    private void put(int b) {
        if (out != null) {
            out[at] = (byte) b;
        }
        at++;
    }

    /** Text known to be plain ASCII with nothing to escape. */
    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            put(s.charAt(i));
        }
    }

    /** Jackson's default escapes: quote, backslash, the short forms of five controls, {@code \}{@code u00XX} for the rest. */
    private void string(String s) {
        put('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '"' -> escaped('"');
                    case '\\' -> escaped('\\');
                    case '\b' -> escaped('b');
                    case '\t' -> escaped('t');
                    case '\n' -> escaped('n');
                    case '\f' -> escaped('f');
                    case '\r' -> escaped('r');
                    default -> {
                        if (c < 0x20) {
                            escaped('u');
                            put('0');
                            put('0');
                            put(HEX[c >> 4]);
                            put(HEX[c & 0xF]);
                        } else {
                            put(c);
                        }
                    }
                }
            } else if (c < 0x800) {
                put(0xC0 | (c >> 6));
                put(0x80 | (c & 0x3F));
            } else { // no surrogates here (plain)
                put(0xE0 | (c >> 12));
                put(0x80 | ((c >> 6) & 0x3F));
                put(0x80 | (c & 0x3F));
            }
        }
        put('"');
    }

    private void escaped(char c) {
        put('\\');
        put(c);
    }

    private void number(long v) {
        if (v == Long.MIN_VALUE) {
            ascii("-9223372036854775808");
            return;
        }
        if (v < 0) {
            put('-');
            v = -v;
        }
        long scale = 1;
        while (scale <= v / 10) {
            scale *= 10;
        }
        for (; scale > 0; scale /= 10) {
            put((int) ('0' + v / scale % 10));
        }
    }

    /** ISO-8601 as {@code Instant.toString()} prints whole milliseconds: the fraction only when it is not zero. */
    private void instant(long millis) {
        long seconds = millis / 1000;
        int milli = (int) (millis % 1000);
        long day = seconds / 86_400;
        int secondOfDay = (int) (seconds % 86_400);
        // days since 1970-01-01 to a civil date (Howard Hinnant's algorithm, days_from_civil's inverse)
        long z = day + 719_468;
        long era = z / 146_097;
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthShifted = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = (int) (dayOfYear - (153 * monthShifted + 2) / 5 + 1);
        int month = (int) (monthShifted < 10 ? monthShifted + 3 : monthShifted - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        put('"');
        digits(year, 4);
        put('-');
        digits(month, 2);
        put('-');
        digits(dayOfMonth, 2);
        put('T');
        digits(secondOfDay / 3600, 2);
        put(':');
        digits(secondOfDay / 60 % 60, 2);
        put(':');
        digits(secondOfDay % 60, 2);
        if (milli != 0) {
            put('.');
            digits(milli, 3);
        }
        put('Z');
        put('"');
    }

    private void digits(int v, int width) {
        for (int scale = width == 4 ? 1000 : width == 3 ? 100 : 10; scale > 0; scale /= 10) {
            put('0' + v / scale % 10);
        }
    }
}
