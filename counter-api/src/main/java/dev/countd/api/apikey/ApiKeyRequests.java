package dev.countd.api.apikey;

import java.util.List;

/** The bodies of {@code POST /api-keys} and {@code PATCH /api-keys/{id}}. */
final class ApiKeyRequests {

    private ApiKeyRequests() {
    }

    /** {@code namespace} defaults to the caller's; {@code plan} and {@code rateLimit} to the default plan. */
    record Create(String name, String namespace, List<String> scopes, String plan, RateLimitJson rateLimit,
                  String expiresAt) {
    }

    /** Any subset; {@code plan} replaces a key's own limit and {@code rateLimit} replaces its plan. */
    record Change(String name, String plan, RateLimitJson rateLimit) {
    }
}
