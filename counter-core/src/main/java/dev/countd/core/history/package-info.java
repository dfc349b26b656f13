/**
 * Counter history: every applied change is aggregated in memory per counter and UTC minute by a
 * {@link dev.countd.core.history.HistoryRecorder} (a change listener on the partition owner), flushed
 * to the database in batches, rolled up to hours and days, pruned per retention, and queried as
 * time series by {@link dev.countd.core.history.HistoryService}.
 *
 * <p>The invariant every answer keeps: for consecutive points {@code p0..pn} of one answer (without
 * fill), {@code pn.value == p0.value + sum(inc_i - dec_i for i in 1..n)}; and since a counter's
 * creation counts as a change from 0, the sum of all increments minus all decrements since creation
 * equals the current value (while the sums fit in 64 bits: they saturate at 2^63-1).
 */
package dev.countd.core.history;
