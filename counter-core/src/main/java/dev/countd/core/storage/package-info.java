/**
 * Durable storage behind the Hazelcast maps: schema migrations (Flyway, plain SQL), the JDBI3
 * MapStore for counters, and the small differences between the embedded H2 and PostgreSQL.
 */
package dev.countd.core.storage;
