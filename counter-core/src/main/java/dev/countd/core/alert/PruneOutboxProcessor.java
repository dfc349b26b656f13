package dev.countd.core.alert;

import com.hazelcast.map.EntryProcessor;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.ReplaceCounterProcessor;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes events from a counter entry's outbox once they are confirmed in the durable event table.
 * Touches nothing else (no version bump); writes nothing when none of the events is there.
 */
public final class PruneOutboxProcessor implements EntryProcessor<String, Counter, Boolean> {

    private final Set<String> eventIds;
    private transient Counter pruned;

    public PruneOutboxProcessor(Set<String> eventIds) {
        this.eventIds = Set.copyOf(eventIds);
    }

    public Set<String> eventIds() {
        return eventIds;
    }

    @Override
    public Boolean process(Map.Entry<String, Counter> entry) {
        Counter counter = Counter.identified(entry.getKey(), entry.getValue());
        if (counter == null || counter.outbox().stream().noneMatch(e -> eventIds.contains(e.id()))) {
            return false;
        }
        List<AlertEvent> kept = counter.outbox().stream().filter(e -> !eventIds.contains(e.id())).toList();
        pruned = counter.withAlertState(counter.alertDisarmed(), kept).asMapValue();
        entry.setValue(pruned);
        return true;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public EntryProcessor<String, Counter, Boolean> getBackupProcessor() {
        return pruned == null ? null : (EntryProcessor) new ReplaceCounterProcessor(pruned);
    }
}
