package dev.countd.api.alert;

/** Request bodies of {@code /alerts}. Absent fields are null. */
public final class AlertRequests {

    private AlertRequests() {
    }

    /** {@code POST /alerts}: counter, threshold and url are required; direction defaults to UP, enabled to true. */
    public record Create(String counter, Long threshold, String direction, String url, Boolean enabled, Long hysteresis) {
    }

    /** {@code PATCH /alerts/{id}}: only the given fields change; enabling clears a disabled reason. */
    public record Change(String counter, Long threshold, String direction, String url, Boolean enabled, Long hysteresis) {
    }
}
