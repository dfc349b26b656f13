package dev.countd.loadtest;

import java.time.Duration;

/**
 * Run parameters, read once from system properties ({@code -Dname=value}):
 * {@code baseUrl}, {@code apiKey}, {@code users} (closed model: concurrent users, each looping for the
 * duration) or {@code rate} (open model: new requests per second), {@code duration} (seconds),
 * {@code counters}, {@code p99Ms} and {@code minSuccessPct} (assertion bounds), {@code runId}
 * (prefix of this run's counter names; unique by default so every run starts from zero), {@code persistence}
 * (the mode of a server this run starts: {@code write-behind}, or {@code write-through}, the journal).
 */
final class LoadParams {

    /** The bootstrap key of servers that run.sh and the CI smoke start; never use it elsewhere. */
    static final String FIXED_TEST_KEY = "ck_loadtest_LoadTestOnlyNotASecret000000000000000000";

    static final LocalServer SERVER = LocalServer.fromProperties();
    static final String BASE_URL = SERVER != null ? SERVER.baseUrl() : text("baseUrl", "http://127.0.0.1:8080");
    static final String API_KEY = SERVER != null ? FIXED_TEST_KEY : text("apiKey", FIXED_TEST_KEY);
    static final int USERS = number("users", 32);
    static final int RATE = number("rate", 0);
    static final Duration DURATION = Duration.ofSeconds(number("duration", 30));
    static final int COUNTERS = number("counters", 10_000);
    static final int P99_MS = number("p99Ms", 250);
    static final double MIN_SUCCESS_PCT = Double.parseDouble(text("minSuccessPct", "99.9"));
    static final String RUN_ID = text("runId", "lt" + Long.toString(System.currentTimeMillis(), 36));
    static final String PERSISTENCE = text("persistence", "write-behind");

    private LoadParams() {
    }

    /** A counter name of this run: {@code <runId>-<simulation>-<i>}. */
    static String counterName(String simulation, int i) {
        return prefix(simulation) + i;
    }

    static String prefix(String simulation) {
        return RUN_ID + "-" + simulation + "-";
    }

    static String text(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    static int number(String name, int fallback) {
        String value = text(name, null);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + name + " must be an integer, got '" + value + "'");
        }
    }
}
