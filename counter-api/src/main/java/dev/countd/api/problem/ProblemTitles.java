package dev.countd.api.problem;

import java.util.Map;

/** Human titles per problem name: the same for every occurrence of a problem, as RFC 9457 asks. */
final class ProblemTitles {

    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("counter-not-found", "Counter not found"),
            Map.entry("bound-exceeded", "Counter bound exceeded"),
            Map.entry("bounds-conflict", "New bounds exclude the current value"),
            Map.entry("invalid-value", "Value outside the counter's bounds"),
            Map.entry("precondition-failed", "Version does not match"),
            Map.entry("invalid-counter-name", "Invalid counter name"),
            Map.entry("invalid-namespace", "Invalid namespace"),
            Map.entry("invalid-amount", "Invalid amount"),
            Map.entry("invalid-field", "Invalid field"),
            Map.entry("invalid-parameter", "Invalid query parameter"),
            Map.entry("invalid-header", "Invalid header"),
            Map.entry("invalid-batch", "Invalid batch"),
            Map.entry("idempotency-key-reused", "Idempotency-Key reused for another request"),
            Map.entry("idempotency-key-in-flight", "Request with this Idempotency-Key still running"),
            Map.entry("malformed-json", "Malformed JSON"),
            Map.entry("malformed-request", "Malformed request"),
            Map.entry("request-timeout", "Request body too slow"),
            Map.entry("unknown-field", "Unknown field"),
            Map.entry("payload-too-large", "Request body too large"),
            Map.entry("not-found", "Not found"),
            Map.entry("method-not-allowed", "Method not allowed"),
            Map.entry("unsupported-media-type", "Unsupported media type"),
            Map.entry("not-acceptable", "Not acceptable"),
            Map.entry("storage-unavailable", "Storage unavailable"),
            Map.entry("cluster-minority", "Node is on the minority side of a cluster split"),
            Map.entry("internal-error", "Internal error"),
            Map.entry("unauthorized", "API key missing or not valid"),
            Map.entry("insufficient-scope", "API key lacks the required scope"),
            Map.entry("rate-limited", "Rate limit exceeded"),
            Map.entry("rate-limiter-unavailable", "Rate limiter unavailable"),
            Map.entry("api-key-not-found", "API key not found"),
            Map.entry("unknown-plan", "Unknown rate-limit plan"),
            Map.entry("alert-not-found", "Alert rule not found"),
            Map.entry("delivery-not-found", "Webhook delivery not found"),
            Map.entry("alert-disabled", "Alert rule disabled"),
            Map.entry("webhook-target-refused", "Webhook URL refused"));

    private ProblemTitles() {
    }

    static String title(String name, int status) {
        String title = TITLES.get(name);
        if (title != null) {
            return title;
        }
        return switch (status / 100) {
            case 4 -> "Bad request";
            case 5 -> "Server error";
            default -> "Problem";
        };
    }
}
