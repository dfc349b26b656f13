package dev.countd.api.cluster;

import dev.countd.core.cluster.ClusterSettings;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The schema migration at start, overlapped with the Hazelcast member's start where that is safe.
 * Both take seconds (mostly class loading) and do not depend on each other, but the MapStores need
 * the schema: they are first called when a map proxy is created. A member that joins nobody creates
 * its maps only when {@code CounterApplication} asks, after {@link #awaitBeforeMaps}; so it migrates on
 * a background thread while the member starts. A member that joins others can receive map proxies and
 * operations (MapStore calls) as soon as it has joined, so it migrates before the member starts.
 */
public final class SchemaBeforeMaps {

    private final CompletableFuture<Integer> migrated;

    private SchemaBeforeMaps(CompletableFuture<Integer> migrated) {
        this.migrated = migrated;
    }

    /** Runs {@code migration}: at once when the member joins others, else on a background thread. */
    public static SchemaBeforeMaps begin(ClusterSettings cluster, Supplier<Integer> migration) {
        if (cluster.joinsOthers()) {
            return new SchemaBeforeMaps(CompletableFuture.completedFuture(migration.get()));
        }
        CompletableFuture<Integer> migrated = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                migrated.complete(migration.get());
            } catch (Throwable e) {
                migrated.completeExceptionally(e);
            }
        }, "schema-migration");
        thread.setDaemon(true);
        thread.start();
        return new SchemaBeforeMaps(migrated);
    }

    /**
     * Waits for the migration; call it before the first map is created. When the migration failed,
     * runs {@code onFailure} (stop the member) and throws the migration's own exception.
     *
     * @return the number of migrations applied
     */
    public int awaitBeforeMaps(Runnable onFailure) {
        try {
            return migrated.join();
        } catch (CompletionException e) {
            onFailure.run();
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
