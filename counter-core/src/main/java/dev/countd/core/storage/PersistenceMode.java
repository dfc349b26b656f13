package dev.countd.core.storage;

/** When a counter change reaches the database. */
public enum PersistenceMode {
    /** Inside the update, before it is acknowledged: survives kill -9 of the process. */
    WRITE_THROUGH,
    /** Batched after a delay: faster, but a crash loses up to the delay's worth of changes. */
    WRITE_BEHIND;

    public static PersistenceMode parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
