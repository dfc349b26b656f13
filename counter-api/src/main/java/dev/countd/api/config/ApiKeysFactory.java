package dev.countd.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.countd.core.apikey.ApiKeyToken;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code apiKeys:} the bootstrap admin key ({@code COUNTER_BOOTSTRAP_API_KEY}; empty: generate one
 * and print it once) and how often {@code lastUsedAt} is written.
 */
public class ApiKeysFactory {

    @JsonProperty
    private String bootstrapKey = "";
    @JsonProperty
    private String lastUsedFlushInterval = "PT10S";

    /** The configured bootstrap key; refuses a malformed one, saying why but not echoing it. */
    public Optional<ApiKeyToken> bootstrapToken() {
        if (bootstrapKey == null || bootstrapKey.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(ApiKeyToken.parse(bootstrapKey.trim()).orElseThrow(() -> new IllegalArgumentException(
                "COUNTER_BOOTSTRAP_API_KEY (apiKeys.bootstrapKey) is not a valid API key: it must look like "
                        + ApiKeyToken.FORMAT_DESCRIPTION + "; leave it empty to have one generated")));
    }

    public Duration lastUsedFlushInterval() {
        Duration interval = Duration.parse(lastUsedFlushInterval);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("apiKeys.lastUsedFlushInterval must be positive");
        }
        return interval;
    }
}
