package dev.countd.core.apikey;

import dev.countd.core.counter.CounterId;

import java.time.Instant;
import java.util.Set;

/** What a new key is to be: validated on construction. {@code plan} null means the default plan. */
public record NewApiKey(String name, String namespace, Set<Scope> scopes, String plan, RateLimit rateLimit,
                        Instant expiresAt) {

    public static final int MAX_NAME_LENGTH = 200;

    public NewApiKey {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name must be 1-" + MAX_NAME_LENGTH + " characters");
        }
        if (!CounterId.isValidNamespace(namespace)) {
            throw new IllegalArgumentException("namespace must be 1-63 characters of lower-case letters, digits and '-', starting with a letter or digit");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("scopes must name at least one scope");
        }
        if (plan != null && rateLimit != null) {
            throw new IllegalArgumentException("give either plan or rateLimit, not both");
        }
        scopes = Set.copyOf(scopes);
    }
}
