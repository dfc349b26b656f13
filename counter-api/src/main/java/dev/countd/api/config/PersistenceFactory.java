package dev.countd.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.countd.core.storage.PersistenceMode;
import dev.countd.core.storage.PersistenceSettings;
import io.dropwizard.util.Duration;

/**
 * {@code persistence.mode}: write-through (default) or write-behind with a delay and batch size. Write-through to
 * the embedded database of a lone member goes through the journal unless {@code journal} is false.
 */
public class PersistenceFactory {

    @JsonProperty
    private String mode = "write-through";
    @JsonProperty
    private int writeDelaySeconds = 1;
    @JsonProperty
    private int writeBatchSize = 5000;
    @JsonProperty
    private boolean journal = true;
    @JsonProperty
    private Duration journalFlushInterval = Duration.milliseconds(250);

    /** Whether write-through may use the journal (where it applies: see {@code JournaledCounterStore}). */
    public boolean journal() {
        return journal;
    }

    /** How often journaled changes are written to the database. */
    public java.time.Duration journalFlushInterval() {
        return journalFlushInterval.toJavaDuration();
    }

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
