/**
 * Cluster-wide rate limits with Bucket4j on Hazelcast: one token bucket per API key (its plan or
 * its own limit) and one per client IP for failed authentications, the IETF {@code RateLimit} /
 * {@code RateLimit-Policy} and {@code X-RateLimit-*} response headers, and 429 with
 * {@code Retry-After}.
 */
package dev.countd.api.ratelimit;
