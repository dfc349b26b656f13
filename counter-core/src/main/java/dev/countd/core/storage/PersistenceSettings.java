package dev.countd.core.storage;

/**
 * @param writeDelaySeconds write-behind only: how long a change may wait before it is stored
 * @param writeBatchSize    write-behind only: rows per database batch
 */
public record PersistenceSettings(PersistenceMode mode, int writeDelaySeconds, int writeBatchSize) {
    public PersistenceSettings {
        if (mode == PersistenceMode.WRITE_BEHIND && writeDelaySeconds < 1) {
            throw new IllegalArgumentException("write-behind needs a write delay of at least 1 second");
        }
        if (writeBatchSize < 1) {
            throw new IllegalArgumentException("write batch size must be positive");
        }
    }

    public static final PersistenceSettings WRITE_THROUGH = new PersistenceSettings(PersistenceMode.WRITE_THROUGH, 0, 500);
}
