package dev.countd.core.alert;

import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Creates, finds, changes and deletes alert rules (map {@code alert-rules}), keeping this member's
 * {@link AlertRuleIndex} current at once; other members follow within milliseconds. Thread-safe.
 */
public final class AlertRegistry {

    public static final int MAX_PATTERN_LENGTH = 200;
    private static final Pattern COUNTER_PATTERN = Pattern.compile("[A-Za-z0-9*][A-Za-z0-9._:*-]{0,199}");
    private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IMap<String, AlertRule> rules;
    private final AlertRuleIndex index;
    private final Clock clock;

    public AlertRegistry(IMap<String, AlertRule> rules, AlertRuleIndex index, Clock clock) {
        this.rules = rules;
        this.index = index;
        this.clock = clock;
    }

    /** Checks a counter name or glob; returns a reason when it is not one. */
    public static Optional<String> invalidPattern(String counter) {
        if (counter == null || !COUNTER_PATTERN.matcher(counter).matches()) {
            return Optional.of("counter must be a counter name or a glob such as orders.* (1-" + MAX_PATTERN_LENGTH
                    + " characters of A-Z a-z 0-9 . _ : - and *)");
        }
        return Optional.empty();
    }

    /** A new rule with a fresh id and signing secret (the returned rule is the only place the secret is shown). */
    public AlertRule create(String namespace, String counter, long threshold, AlertDirection direction, String url,
                            long hysteresis, boolean enabled) {
        invalidPattern(counter).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        if (hysteresis < 0) {
            throw new IllegalArgumentException("hysteresis must be 0 or more");
        }
        long now = clock.millis();
        AlertRule rule = new AlertRule("al" + randomId(14), namespace, counter, threshold, direction, url, hysteresis,
                enabled, null, newSecret(), now, now, null);
        rules.set(rule.id(), rule);
        index.put(rule);
        return rule;
    }

    public List<AlertRule> list(String namespace) {
        return rules.values(Predicates.equal("namespace", namespace)).stream()
                .sorted(Comparator.comparingLong(AlertRule::createdAt).thenComparing(AlertRule::id)).toList();
    }

    /** Every namespace's rules, oldest first: for the operator dashboard. */
    public List<AlertRule> listAll() {
        return rules.values().stream()
                .sorted(Comparator.comparingLong(AlertRule::createdAt).thenComparing(AlertRule::id)).toList();
    }

    public Optional<AlertRule> find(String namespace, String id) {
        if (id == null || id.length() > 32) {
            return Optional.empty();
        }
        return Optional.ofNullable(rules.get(id)).filter(rule -> rule.namespace().equals(namespace));
    }

    /** Any namespace: for the delivery service. */
    public Optional<AlertRule> find(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    /** Applies {@code change} atomically (compare-and-set); empty when the rule is gone. */
    public Optional<AlertRule> update(String id, UnaryOperator<AlertRule> change) {
        while (true) {
            AlertRule current = rules.get(id);
            if (current == null) {
                return Optional.empty();
            }
            AlertRule next = change.apply(current);
            if (next.equals(current) || rules.replace(id, current, next)) {
                index.put(next);
                return Optional.of(next);
            }
        }
    }

    public boolean delete(String namespace, String id) {
        if (find(namespace, id).isEmpty()) {
            return false;
        }
        rules.delete(id);
        index.remove(id);
        return true;
    }

    public long now() {
        return clock.millis();
    }

    static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static String randomId(int length) {
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            id[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }
}
