package dev.countd.core.storage;

/**
 * @param writeDelaySeconds write-behind only: how long a change may wait before it is stored
 * @param writeBatchSize    write-behind only: rows per database batch
 * @param databaseInProcess the database runs inside this process (embedded H2): a call to it cannot wait on a
 *                          network or another server
 * @param journaled         write-through acknowledges an update once it is in this member's journal and writes the
 *                          database in batches ({@link JournaledCounterStore}): embedded database, lone member only
 */
public record PersistenceSettings(PersistenceMode mode, int writeDelaySeconds, int writeBatchSize,
                                  boolean databaseInProcess, boolean journaled) {
    public PersistenceSettings {
        if (journaled && (mode != PersistenceMode.WRITE_THROUGH || !databaseInProcess)) {
            throw new IllegalArgumentException("only write-through to the embedded database is journaled");
        }
        if (mode == PersistenceMode.WRITE_BEHIND && writeDelaySeconds < 1) {
            throw new IllegalArgumentException("write-behind needs a write delay of at least 1 second");
        }
        if (writeBatchSize < 1) {
            throw new IllegalArgumentException("write batch size must be positive");
        }
    }

    public PersistenceSettings(PersistenceMode mode, int writeDelaySeconds, int writeBatchSize,
                               boolean databaseInProcess) {
        this(mode, writeDelaySeconds, writeBatchSize, databaseInProcess, false);
    }

    /** Settings for a database in another process (Hazelcast's offloaded MapStore calls stay on). */
    public PersistenceSettings(PersistenceMode mode, int writeDelaySeconds, int writeBatchSize) {
        this(mode, writeDelaySeconds, writeBatchSize, false);
    }

    /**
     * Whether Hazelcast runs the map's operations as offloadable steps (its default), so that a database call does
     * not hold the partition thread. The steps cost every update a serialized copy of its result and their own
     * hand-offs: 8 % of an increment's CPU (docs/benchmarks.md, "Write-behind without Hazelcast's offloaded steps").
     * Write-through stores in every update, so it offloads, unless it is journaled: then a store is one append to a
     * local file, cheaper than the hand-off, and the partition thread keeps each key's appends in order. Write-behind stores later on its own thread and only
     * loads on the partition thread, a key not in memory; it offloads unless the database is in this process, where
     * a load is a local lookup that no network or database outage can stall.
     */
    public boolean offloadsStoreCalls() {
        if (journaled) {
            return false;
        }
        return mode == PersistenceMode.WRITE_THROUGH || !databaseInProcess;
    }

    /** These settings with the journal. */
    public PersistenceSettings withJournal() {
        return new PersistenceSettings(mode, writeDelaySeconds, writeBatchSize, databaseInProcess, true);
    }

    public static final PersistenceSettings WRITE_THROUGH = new PersistenceSettings(PersistenceMode.WRITE_THROUGH, 0, 5000);
}
