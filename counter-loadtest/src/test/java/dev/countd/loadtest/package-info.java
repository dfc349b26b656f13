/**
 * Gatling simulations (Java DSL) against a running countd over HTTP only: the load shapes
 * ({@link dev.countd.loadtest.HotCounter}, {@link dev.countd.loadtest.ManyCounters},
 * {@link dev.countd.loadtest.MixedReadWrite}, {@link dev.countd.loadtest.Batch},
 * {@link dev.countd.loadtest.RateLimited}, {@link dev.countd.loadtest.Alerts}), their parameters
 * ({@link dev.countd.loadtest.LoadParams}), the after-run consistency check
 * ({@link dev.countd.loadtest.Tally}) and the optional local server they can start themselves
 * ({@link dev.countd.loadtest.LocalServer}).
 */
package dev.countd.loadtest;
