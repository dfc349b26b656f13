package dev.countd.api.metrics;

import dev.countd.core.storage.CounterMapStore;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;

/** Times every MapStore write ({@code store} and {@code storeAll}), counts the failed ones and sizes the transactions. */
public final class MapStoreMetrics implements CounterMapStore.StoreTimer {

    private final Histogram duration;
    private final Counter errors;
    private final Histogram transactionRows;

    public MapStoreMetrics(Metrics metrics) {
        this.duration = metrics.mapStoreDuration();
        this.errors = metrics.mapStoreErrors();
        this.transactionRows = metrics.mapStoreTransactionRows();
    }

    @Override
    public void time(Runnable store) {
        long start = System.nanoTime();
        try {
            store.run();
        } catch (RuntimeException e) {
            errors.inc();
            throw e;
        } finally {
            duration.observe((System.nanoTime() - start) / 1e9);
        }
    }

    @Override
    public void committed(int rows) {
        transactionRows.observe(rows);
    }
}
