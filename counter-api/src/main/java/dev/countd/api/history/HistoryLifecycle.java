package dev.countd.api.history;

import dev.countd.core.history.HistoryJobs;
import io.dropwizard.lifecycle.Managed;

/** Starts the flush and rollup jobs; on stop, flushes what is still in memory (registered after Hazelcast, so it stops first). */
public class HistoryLifecycle implements Managed {

    private final HistoryJobs jobs;

    public HistoryLifecycle(HistoryJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public void start() {
        jobs.start();
    }

    @Override
    public void stop() {
        jobs.close();
    }
}
