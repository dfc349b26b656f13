package dev.countd.core.alert;

import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.CounterTransitionHook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Detects threshold crossings inside the counter's entry processor, comparing the value before and
 * after the change, and appends one {@link AlertEvent} per crossing to the entry's outbox. Because it
 * runs in the same atomic step as the change, racing requests on any member yield exactly one event
 * per crossing. Reads only the member-local {@link AlertRuleIndex}; no I/O.
 */
public final class ThresholdDetector implements CounterTransitionHook {

    /** Events older than this are dropped from an entry even if never confirmed (they were stored long ago). */
    static final long OUTBOX_RETENTION_MILLIS = 3_600_000;
    static final int OUTBOX_LIMIT = 1000;

    private final AlertRuleIndex rules;

    public ThresholdDetector(AlertRuleIndex rules) {
        this.rules = rules;
    }

    @Override
    public Counter amend(CounterId id, Counter before, Counter after, long now) {
        List<AlertRule> candidates = rules.rulesOf(id.namespace());
        if (candidates.isEmpty() && after.alertDisarmed().isEmpty() && after.outbox().isEmpty()) {
            return after;
        }
        long oldValue = before == null ? after.initial() : before.value();
        long newValue = after.value();
        Set<String> disarmed = new LinkedHashSet<>(after.alertDisarmed());
        disarmed.removeIf(key -> !rules.knows(key.substring(0, key.lastIndexOf(':'))));
        List<AlertEvent> outbox = new ArrayList<>(after.outbox());
        outbox.removeIf(event -> event.occurredAt() < now - OUTBOX_RETENTION_MILLIS);
        if (oldValue != newValue) {
            for (AlertRule rule : candidates) {
                if (!rule.enabled() || !rule.matches(id.namespace(), id.name())) {
                    continue;
                }
                for (String direction : Crossings.evaluate(rule, oldValue, newValue, disarmed)) {
                    outbox.add(new AlertEvent(UUID.randomUUID().toString(), rule.id(), rule.threshold(), direction,
                            oldValue, newValue, now));
                }
            }
        }
        while (outbox.size() > OUTBOX_LIMIT) {
            outbox.remove(0);
        }
        List<String> disarmedList = List.copyOf(disarmed);
        if (disarmedList.equals(after.alertDisarmed()) && outbox.equals(after.outbox())) {
            return after;
        }
        return after.withAlertState(disarmedList, outbox);
    }
}
