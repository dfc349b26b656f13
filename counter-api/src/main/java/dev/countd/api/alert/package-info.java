/**
 * Threshold alerts at the edge: the {@code /alerts} routes, the SSRF guard for webhook targets, and
 * webhook delivery (signing, sending, retries with backoff, the attempt log) from the durable
 * {@code alert_events} outbox that {@code dev.countd.core.alert} fills.
 */
package dev.countd.api.alert;
