package dev.countd.core.alert;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryLoadedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A member-local copy of every alert rule, grouped by namespace, so the entry processor consults
 * rules without leaving its partition thread. Kept current by an entry listener on the rule map
 * (every member receives every change, within milliseconds) and by the local registry's own writes.
 * Thread-safe: readers see immutable lists swapped in whole.
 */
public final class AlertRuleIndex {

    private final Map<String, AlertRule> byId = new ConcurrentHashMap<>();
    private final java.util.Set<String> deleted = ConcurrentHashMap.newKeySet();
    private volatile Map<String, List<AlertRule>> byNamespace = Map.of();

    private volatile boolean filled;

    /** Fills the index from the map and follows its changes (before that, the index is empty). */
    public AlertRuleIndex follow(IMap<String, AlertRule> rules) {
        rules.addEntryListener(new Follower(), true);
        rules.values().forEach(this::put);
        filled = true;
        return this;
    }

    public List<AlertRule> rulesOf(String namespace) {
        return byNamespace.getOrDefault(namespace, List.of());
    }

    public Optional<AlertRule> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Whether a rule may still exist (true for every id until the index has been filled). */
    public boolean knows(String id) {
        return !filled || byId.containsKey(id);
    }

    public void put(AlertRule rule) {
        AlertRule known = byId.get(rule.id());
        if (deleted.contains(rule.id()) || (known != null && known.updatedAt() > rule.updatedAt())) {
            return; // a late event for an older version (rule ids are never reused)
        }
        byId.put(rule.id(), rule);
        rebuild();
    }

    public void remove(String id) {
        deleted.add(id);
        if (byId.remove(id) != null) {
            rebuild();
        }
    }

    private synchronized void rebuild() {
        Map<String, List<AlertRule>> grouped = new java.util.HashMap<>();
        for (AlertRule rule : byId.values()) {
            grouped.computeIfAbsent(rule.namespace(), ns -> new java.util.ArrayList<>()).add(rule);
        }
        grouped.replaceAll((ns, list) -> List.copyOf(list));
        byNamespace = Map.copyOf(grouped);
    }

    private final class Follower implements EntryAddedListener<String, AlertRule>, EntryUpdatedListener<String, AlertRule>,
            EntryRemovedListener<String, AlertRule>, EntryLoadedListener<String, AlertRule> {

        @Override
        public void entryAdded(EntryEvent<String, AlertRule> event) {
            put(event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, AlertRule> event) {
            put(event.getValue());
        }

        @Override
        public void entryLoaded(EntryEvent<String, AlertRule> event) {
            put(event.getValue());
        }

        @Override
        public void entryRemoved(EntryEvent<String, AlertRule> event) {
            remove(event.getKey());
        }
    }
}
