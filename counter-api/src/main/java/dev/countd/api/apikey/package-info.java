/**
 * {@code /api-keys}: create (the secret is in that one answer only), list, get, revoke and change
 * a key's name, plan or own rate limit at run time; the bootstrap admin key; the periodic flush
 * of {@code lastUsedAt}.
 */
package dev.countd.api.apikey;
