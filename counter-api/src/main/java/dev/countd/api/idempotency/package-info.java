/**
 * The {@code Idempotency-Key} header: turning a client's key and request into the operation id the
 * core remembers inside the counter's entry, and refusing a retry while the first is still running.
 */
package dev.countd.api.idempotency;
