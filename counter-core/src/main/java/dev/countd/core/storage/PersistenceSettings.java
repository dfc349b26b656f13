package dev.countd.core.storage;

/**
 * @param writeDelaySeconds write-behind only: how long a change may wait before it is stored
 * @param writeBatchSize    write-behind only: rows per database batch
 * @param databaseInProcess the database runs inside this process (embedded H2): a call to it cannot wait on a
 *                          network or another server
 */
public record PersistenceSettings(PersistenceMode mode, int writeDelaySeconds, int writeBatchSize,
                                  boolean databaseInProcess) {
    public PersistenceSettings {
        if (mode == PersistenceMode.WRITE_BEHIND && writeDelaySeconds < 1) {
            throw new IllegalArgumentException("write-behind needs a write delay of at least 1 second");
        }
        if (writeBatchSize < 1) {
            throw new IllegalArgumentException("write batch size must be positive");
        }
    }

    /** Settings for a database in another process (Hazelcast's offloaded MapStore calls stay on). */
    public PersistenceSettings(PersistenceMode mode, int writeDelaySeconds, int writeBatchSize) {
        this(mode, writeDelaySeconds, writeBatchSize, false);
    }

    /**
     * Whether Hazelcast runs the map's operations as offloadable steps (its default), so that a database call does
     * not hold the partition thread. The steps cost every update a serialized copy of its result and their own
     * hand-offs: 8 % of an increment's CPU (docs/benchmarks.md, "Write-behind without Hazelcast's offloaded steps").
     * Write-through stores in every update, so it offloads. Write-behind stores later on its own thread and only
     * loads on the partition thread, a key not in memory; it offloads unless the database is in this process, where
     * a load is a local lookup that no network or database outage can stall.
     */
    public boolean offloadsStoreCalls() {
        return mode == PersistenceMode.WRITE_THROUGH || !databaseInProcess;
    }

    public static final PersistenceSettings WRITE_THROUGH = new PersistenceSettings(PersistenceMode.WRITE_THROUGH, 0, 5000);
}
