package dev.countd.core.apikey;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * One API key as stored: never its secret, only the secret's SHA-256. Either {@code plan} (a
 * named plan from config, null for the default) or {@code rateLimit} (the key's own limit) is set.
 */
public record ApiKey(String id, String name, String namespace, Set<Scope> scopes, String plan, RateLimit rateLimit,
                     String secretSha256, Instant createdAt, Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {

    public ApiKey {
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    public ApiKey withRevokedAt(Instant at) {
        return new ApiKey(id, name, namespace, scopes, plan, rateLimit, secretSha256, createdAt, expiresAt, at, lastUsedAt);
    }

    public ApiKey withLimit(String newPlan, RateLimit newRateLimit) {
        return new ApiKey(id, name, namespace, scopes, newPlan, newRateLimit, secretSha256, createdAt, expiresAt, revokedAt, lastUsedAt);
    }

    public ApiKey withName(String newName) {
        return new ApiKey(id, newName, namespace, scopes, plan, rateLimit, secretSha256, createdAt, expiresAt, revokedAt, lastUsedAt);
    }

    public ApiKey withLastUsedAt(Instant at) {
        if (lastUsedAt != null && !at.isAfter(lastUsedAt)) {
            return this;
        }
        return new ApiKey(id, name, namespace, scopes, plan, rateLimit, secretSha256, createdAt, expiresAt, revokedAt, at);
    }

    @Override
    public String toString() {
        return "ApiKey[" + id + " in " + namespace + "]";
    }
}
