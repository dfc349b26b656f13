package dev.countd.core.alert;

/**
 * One delivery attempt as recorded.
 *
 * @param statusCode null when no HTTP answer arrived (refused, timed out, blocked address)
 */
public record DeliveryAttempt(long attemptedAt, Integer statusCode, long latencyMillis, String error) {
}
