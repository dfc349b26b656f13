/**
 * Bounded counters: their state, the rules that change it, and the Hazelcast entry processor that
 * applies those rules atomically on the counter's partition owner. Nothing here knows about HTTP.
 */
package dev.countd.core.counter;
