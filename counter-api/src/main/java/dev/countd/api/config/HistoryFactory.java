package dev.countd.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.countd.core.history.HistorySettings;
import io.dropwizard.util.Duration;

/**
 * {@code history:} whether counter history is recorded, how often it is flushed and rolled up, and
 * how long each resolution is kept ({@code dayRetention} absent or null: forever).
 */
public class HistoryFactory {

    @JsonProperty
    private boolean enabled = true;
    @JsonProperty
    private Duration flushInterval = Duration.seconds(5);
    @JsonProperty
    private Duration rollupInterval = Duration.minutes(5);
    @JsonProperty
    private Duration minuteRetention = Duration.days(7);
    @JsonProperty
    private Duration hourRetention = Duration.days(90);
    @JsonProperty
    private Duration dayRetention;

    public HistorySettings build() {
        return new HistorySettings(enabled, flushInterval.toJavaDuration(), rollupInterval.toJavaDuration(),
                minuteRetention.toJavaDuration(), hourRetention.toJavaDuration(),
                dayRetention == null ? null : dayRetention.toJavaDuration());
    }
}
