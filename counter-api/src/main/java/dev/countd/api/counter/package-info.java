/**
 * The counter routes of the HTTP API: thin translation between JSON requests and the core's
 * {@code CounterService}, and from its results to HTTP statuses, ETags and problems.
 */
package dev.countd.api.counter;
