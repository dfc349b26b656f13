package dev.countd.core.alert;

import java.util.regex.Pattern;

/**
 * A threshold rule of one namespace. {@code counter} is an exact counter name or a glob where
 * {@code *} matches any run of characters ({@code orders.*}).
 *
 * @param hysteresis     0 for none; otherwise after an UP crossing at T the rule re-arms only once the value
 *                       has fallen below T - hysteresis (and a DOWN crossing once it has risen to T + hysteresis)
 * @param secret         the signing secret ({@code whsec_...}); shown once, at creation
 * @param disabledReason why the service disabled the rule (410 Gone, failing for too long); null otherwise
 * @param failingSince   epoch millis of the first failed attempt since the last success; null when healthy
 */
public record AlertRule(String id, String namespace, String counter, long threshold, AlertDirection direction,
                        String url, long hysteresis, boolean enabled, String disabledReason, String secret,
                        long createdAt, long updatedAt, Long failingSince) {

    public static final String GLOB_CHARS = "*";
    private static final java.util.Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    public boolean matches(String namespace, String name) {
        if (!this.namespace.equals(namespace)) {
            return false;
        }
        if (!counter.contains(GLOB_CHARS)) {
            return counter.equals(name);
        }
        return globPattern(counter).matcher(name).matches();
    }

    static Pattern globPattern(String glob) {
        return PATTERNS.computeIfAbsent(glob, g -> {
            String[] parts = g.split("\\*", -1);
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                regex.append(i == 0 ? "" : ".*").append(parts[i].isEmpty() ? "" : Pattern.quote(parts[i]));
            }
            return Pattern.compile(regex.toString());
        });
    }

    public AlertRule withEnabled(boolean on, String reason, long now) {
        return new AlertRule(id, namespace, counter, threshold, direction, url, hysteresis, on, on ? null : reason,
                secret, createdAt, now, on ? null : failingSince);
    }

    public AlertRule withFailingSince(Long since) {
        return new AlertRule(id, namespace, counter, threshold, direction, url, hysteresis, enabled, disabledReason,
                secret, createdAt, updatedAt, since);
    }

    public AlertRule withFields(String newCounter, long newThreshold, AlertDirection newDirection, String newUrl,
                                long newHysteresis, long now) {
        return new AlertRule(id, namespace, newCounter, newThreshold, newDirection, newUrl, newHysteresis, enabled,
                disabledReason, secret, createdAt, now, failingSince);
    }
}
