package dev.countd.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.countd.core.counter.CounterDefaults;
import dev.countd.core.counter.OverflowPolicy;

/** {@code counters:} auto-creation on first increment, and the bounds new counters get. */
public class CountersFactory {

    @JsonProperty
    private boolean autoCreate = true;
    @JsonProperty
    private long defaultMin = 0;
    @JsonProperty
    private long defaultMax = Long.MAX_VALUE;
    @JsonProperty
    private long defaultInitial = 0;
    @JsonProperty
    private OverflowPolicy defaultOverflow = OverflowPolicy.REJECT;

    public boolean autoCreate() {
        return autoCreate;
    }

    public CounterDefaults defaults() {
        return new CounterDefaults(defaultMin, defaultMax, defaultInitial, defaultOverflow);
    }
}
