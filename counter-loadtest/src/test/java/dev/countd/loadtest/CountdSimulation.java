package dev.countd.loadtest;

import io.gatling.javaapi.core.Simulation;

import java.util.Map;

/**
 * Starts the local server when asked to ({@code -Dcountd.launchJar}), lets a simulation prepare its
 * data, and after the run checks the counters through the API: a failed check fails the run.
 */
abstract class CountdSimulation extends Simulation {

    protected final Api api = Api.fromParams();

    @Override
    public void before() {
        System.out.println("target " + LoadParams.BASE_URL + ", run id " + LoadParams.RUN_ID + ", "
                + (LoadParams.RATE > 0 ? LoadParams.RATE + " requests/s" : LoadParams.USERS + " users")
                + " for " + LoadParams.DURATION.toSeconds() + " s");
        if (LoadParams.SERVER != null) {
            LoadParams.SERVER.start(serverEnvironment());
        }
        try {
            prepare();
        } catch (RuntimeException e) {
            stopServer();
            throw e;
        }
    }

    @Override
    public void after() {
        try {
            check();
        } catch (AssertionError | RuntimeException failed) {
            System.err.println(failed.getMessage());
            stopServer();
            // Ends the Gatling JVM with a non-zero status: the run fails whatever Gatling does with a throw here.
            System.err.println("countd load test FAILED its after-run check");
            Runtime.getRuntime().halt(3);
        }
        stopServer();
    }

    /** Environment for the local server, if the simulation needs more than the defaults. */
    protected Map<String, String> serverEnvironment() {
        return Map.of();
    }

    protected void prepare() {
    }

    /** Reads the results back through the API; throws when they are wrong. */
    protected abstract void check();

    private static void stopServer() {
        if (LoadParams.SERVER != null) {
            LoadParams.SERVER.stop();
        }
    }
}
