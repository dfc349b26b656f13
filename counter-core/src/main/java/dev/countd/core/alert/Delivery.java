package dev.countd.core.alert;

/**
 * One crossing event and its delivery state (a row of {@code alert_events}). Its id is the event id.
 *
 * @param status       {@code PENDING}, {@code DELIVERED}, {@code FAILED} (gave up or 410) or {@code CANCELLED}
 * @param windowStart  epoch millis the current retry window began (the event, or the last redelivery)
 * @param lastStatus   HTTP status of the last attempt, null when none arrived
 */
public record Delivery(AlertEvent event, String namespace, String counter, String status, int attempts,
                       long windowStart, long nextAttemptAt, Long deliveredAt, Integer lastStatus, String lastError) {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";

    public String id() {
        return event.id();
    }
}
