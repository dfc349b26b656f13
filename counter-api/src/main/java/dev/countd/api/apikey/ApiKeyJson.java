package dev.countd.api.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.countd.core.apikey.ApiKey;
import dev.countd.core.apikey.Scope;

import java.time.Instant;
import java.util.List;

/**
 * A key as the API shows it: never the secret or its hash. {@code key} (the full {@code ck_...})
 * is present only in the answer to its creation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyJson(String id, String key, String name, String namespace, List<String> scopes, String plan,
                         RateLimitJson rateLimit, String status, Instant createdAt, Instant expiresAt,
                         Instant revokedAt, Instant lastUsedAt) {

    static ApiKeyJson of(ApiKey key, String policy, Instant now, String fullKey) {
        String status = key.revoked() ? "revoked" : key.expiredAt(now) ? "expired" : "active";
        return new ApiKeyJson(key.id(), fullKey, key.name(), key.namespace(),
                key.scopes().stream().map(Scope::value).sorted().toList(), policy, RateLimitJson.of(key.rateLimit()),
                status, key.createdAt(), key.expiresAt(), key.revokedAt(), key.lastUsedAt());
    }
}
