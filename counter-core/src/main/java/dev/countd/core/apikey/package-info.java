/**
 * API keys: the {@code ck_<keyId>_<secret>} format, hashing and constant-time verification, the
 * key record and its JDBI store, and the cluster-wide cache (a near-cached IMap loaded from the
 * store) that answers every lookup without touching the database. {@code lastUsedAt} is gathered
 * in memory and flushed periodically, never written per request.
 */
package dev.countd.core.apikey;
