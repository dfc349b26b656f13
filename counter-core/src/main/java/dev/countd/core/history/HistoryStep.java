package dev.countd.core.history;

import dev.countd.core.counter.CounterValidationException;

/** A history resolution: the bucket width, its query spelling and the table that stores it. */
public enum HistoryStep {
    MINUTE("1m", 60_000L, "history_minutes"),
    HOUR("1h", 3_600_000L, "history_hours"),
    DAY("1d", 86_400_000L, "history_days");

    private final String label;
    private final long millis;
    private final String table;

    HistoryStep(String label, long millis, String table) {
        this.label = label;
        this.millis = millis;
        this.table = table;
    }

    public static HistoryStep parse(String text) {
        for (HistoryStep step : values()) {
            if (step.label.equals(text)) {
                return step;
            }
        }
        throw new CounterValidationException("invalid-parameter", "step must be one of 1m, 1h, 1d");
    }

    public String label() {
        return label;
    }

    public long millis() {
        return millis;
    }

    String table() {
        return table;
    }

    /** The next finer resolution, or null for minutes. */
    HistoryStep finer() {
        return this == MINUTE ? null : values()[ordinal() - 1];
    }

    /** Start of the bucket holding {@code epochMillis} (buckets are aligned to UTC). */
    public long floor(long epochMillis) {
        return Math.floorDiv(epochMillis, millis) * millis;
    }

    public long ceil(long epochMillis) {
        long floor = floor(epochMillis);
        return floor == epochMillis ? floor : floor + millis;
    }
}
