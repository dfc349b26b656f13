package dev.countd.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;

/** {@code healthThresholds:} thresholds of the webhook backlog, history flush and counter journal flush checks. */
public class HealthFactory {

    @JsonProperty
    @Min(0)
    private long webhookBacklogMax = 10_000;
    @JsonProperty
    private Duration historyFlushMaxLag = Duration.minutes(5);
    @JsonProperty
    private Duration journalFlushMaxLag = Duration.minutes(1);

    public long webhookBacklogMax() {
        return webhookBacklogMax;
    }

    public java.time.Duration historyFlushMaxLag() {
        return historyFlushMaxLag.toJavaDuration();
    }

    public java.time.Duration journalFlushMaxLag() {
        return journalFlushMaxLag.toJavaDuration();
    }
}
