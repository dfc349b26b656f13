package dev.countd.core.apikey;

import com.hazelcast.map.EntryProcessor;

import java.time.Instant;
import java.util.Map;

/**
 * The only writer of a stored key after creation: revokes it, renames it, changes its limit or
 * records when it was last used, on the entry's owner. Answers the new key, or null when absent.
 *
 * @param changeLimit when true, {@code plan} and {@code rateLimit} replace the key's (null plan: the default)
 */
public record ApiKeyChange(Instant revokeAt, String name, boolean changeLimit, String plan, RateLimit rateLimit,
                           Instant lastUsedAt) implements EntryProcessor<String, ApiKey, ApiKey> {

    public static ApiKeyChange revoke(Instant at) {
        return new ApiKeyChange(at, null, false, null, null, null);
    }

    public static ApiKeyChange usedAt(Instant at) {
        return new ApiKeyChange(null, null, false, null, null, at);
    }

    @Override
    public ApiKey process(Map.Entry<String, ApiKey> entry) {
        ApiKey key = entry.getValue();
        if (key == null) {
            return null;
        }
        ApiKey changed = apply(key);
        if (changed != key) {
            entry.setValue(changed);
        }
        return changed;
    }

    ApiKey apply(ApiKey key) {
        ApiKey changed = key;
        if (revokeAt != null && !changed.revoked()) {
            changed = changed.withRevokedAt(revokeAt);
        }
        if (name != null) {
            changed = changed.withName(name);
        }
        if (changeLimit) {
            changed = changed.withLimit(plan, rateLimit);
        }
        if (lastUsedAt != null) {
            changed = changed.withLastUsedAt(lastUsedAt);
        }
        return changed;
    }
}
