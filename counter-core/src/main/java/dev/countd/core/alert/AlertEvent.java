package dev.countd.core.alert;

/**
 * One threshold crossing, decided atomically with the counter change that caused it.
 *
 * @param id         stable event id (a UUID), also the {@code webhook-id} of every delivery attempt
 * @param direction  {@code UP} or {@code DOWN}: the way this crossing went
 * @param occurredAt epoch milliseconds of the change
 */
public record AlertEvent(String id, String ruleId, long threshold, String direction, long previousValue, long value,
                         long occurredAt) {
}
