package dev.countd.core.counter;

/**
 * A change the entry processor has just applied, as seen on the partition owner.
 *
 * @param before null when the change created the counter
 * @param after  null when the change deleted the counter
 * @param at     epoch milliseconds of the change
 */
public record CounterChange(CounterId id, String operation, Counter before, Counter after, long at) {
}
