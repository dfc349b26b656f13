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

    /**
     * Whether Hazelcast runs the map's operations as offloadable steps (its default), so a database call does not
     * hold the partition thread. Write-through stores in every update, so it does. Write-behind never stores on
     * the partition thread, and the steps cost every update a serialized copy of its result and step hand-offs
     * (about a tenth of an increment's CPU, docs/benchmarks.md); it only loads there, for a key not in memory.
     */
    public boolean offloadsStoreCalls() {
        return mode == PersistenceMode.WRITE_THROUGH;
    }

    public static final PersistenceSettings WRITE_THROUGH = new PersistenceSettings(PersistenceMode.WRITE_THROUGH, 0, 500);
}
