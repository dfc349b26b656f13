/**
 * Benchmarks that print figures (never timed tests): {@link dev.countd.core.bench.HeapPerCounter}
 * measures the member's heap per stored counter with the real cluster configuration.
 */
package dev.countd.core.bench;
