package dev.countd.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Dropwizard's {@code metrics:} section (reporters, frequency) plus {@code metrics.enabled}: the API-side instrumentation (operation counts, HTTP latency histogram).
 * When false, {@code /prometheus} still serves the cluster, MapStore, JVM and Dropwizard metrics.
 */
public class MetricsFactory extends io.dropwizard.metrics.common.MetricsFactory {

    @JsonProperty
    private boolean enabled = true;

    public boolean enabled() {
        return enabled;
    }
}
