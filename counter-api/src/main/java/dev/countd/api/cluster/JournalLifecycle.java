package dev.countd.api.cluster;

import dev.countd.core.storage.JournaledCounterStore;
import io.dropwizard.lifecycle.Managed;

/**
 * Closes the counter journal after the member has stopped: the last journaled changes go to the database while
 * its pool is still open. (What cannot be written stays in the journal and is replayed at the next start.)
 */
public class JournalLifecycle implements Managed {

    private final JournaledCounterStore journal;

    public JournalLifecycle(JournaledCounterStore journal) {
        this.journal = journal;
    }

    @Override
    public void stop() {
        journal.close();
    }
}
