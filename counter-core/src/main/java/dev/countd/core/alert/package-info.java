/**
 * Threshold alerts: the rules ({@link dev.countd.core.alert.AlertRule}, stored in the {@code alert-rules}
 * map and table), their member-local index, crossing detection inside the counter's entry processor
 * ({@link dev.countd.core.alert.ThresholdDetector}), and the durable outbox: crossing events ride in the
 * counter entry and are written to the {@code alert_events} table in the same transaction as the counter
 * row ({@link dev.countd.core.alert.AlertEventStore}). Nothing here speaks HTTP; delivery lives in the api module.
 */
package dev.countd.core.alert;
