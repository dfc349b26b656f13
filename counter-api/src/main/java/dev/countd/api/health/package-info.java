/**
 * Health checks on the admin port beyond Hazelcast ({@code dev.countd.api.cluster}) and the
 * database (Dropwizard's JDBI check, {@code database}): the webhook backlog and the history flush
 * lag, fed by those features through {@link dev.countd.api.health.OperationalProbes}.
 */
package dev.countd.api.health;
