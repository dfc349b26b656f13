package dev.countd.core.counter;

/** Server-wide settings for counters created without explicit bounds. */
public record CounterDefaults(long min, long max, long initial, OverflowPolicy overflow) {

    public static final CounterDefaults STANDARD = new CounterDefaults(0, Long.MAX_VALUE, 0, OverflowPolicy.REJECT);

    public CounterDefaults {
        if (min > max || initial < min || initial > max) {
            throw new IllegalArgumentException("counter defaults need min <= initial <= max");
        }
        if (overflow == null) {
            throw new IllegalArgumentException("counter defaults need an overflow policy");
        }
    }
}
