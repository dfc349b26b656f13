package dev.countd.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.countd.core.storage.PersistenceMode;
import dev.countd.core.storage.PersistenceSettings;

/** {@code persistence.mode}: write-through (default) or write-behind with a delay and batch size. */
public class PersistenceFactory {

    @JsonProperty
    private String mode = "write-through";
    @JsonProperty
    private int writeDelaySeconds = 1;
    @JsonProperty
    private int writeBatchSize = 5000;

    /** @param databaseInProcess the database is embedded ({@link DatabaseFactory#inProcess()}) */
    public PersistenceSettings build(boolean databaseInProcess) {
        PersistenceMode parsed;
        try {
            parsed = PersistenceMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("persistence.mode must be write-through or write-behind, not '" + mode + "'");
        }
        return new PersistenceSettings(parsed, writeDelaySeconds, writeBatchSize, databaseInProcess);
    }
}
