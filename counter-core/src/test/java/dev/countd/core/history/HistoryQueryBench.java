package dev.countd.core.history;

import dev.countd.core.counter.CounterId;
import dev.countd.core.storage.SqlDialect;
import dev.countd.core.testing.EmbeddedStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * Fills history_minutes with {@code counters} x {@code days} of minutes (every minute active) and times a one-day
 * 1m query of one counter. Not a test: run with {@code bench/history-query.sh h2|postgres [counters] [days]}.
 */
public final class HistoryQueryBench {

    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final int CHUNK = 50;

    public static void main(String[] args) throws Exception {
        String database = args.length > 0 ? args[0] : "h2";
        int counters = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int days = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        if (database.equals("postgres")) {
            try (PostgresSchema postgres = new PostgresSchema()) {
                run("PostgreSQL", postgres.jdbi, SqlDialect.POSTGRESQL, counters, days, true);
            }
        } else {
            // A fourth argument names the directory of an earlier run's database: query it without loading again.
            Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("countd-history-bench");
            run("H2 (file)", EmbeddedStore.h2(dir), SqlDialect.H2, counters, days, args.length <= 3);
            System.out.println("H2 files in " + dir + " (delete them when done)");
        }
    }

    private static void run(String label, Jdbi jdbi, SqlDialect dialect, int counters, int days, boolean load) {
        // The bench's data source has no pool: one open handle keeps H2 from closing and reopening the file per query.
        try (Handle keepOpen = jdbi.open()) {
            if (load) {
                load(label, jdbi, dialect, counters, days);
            }
            query(label, jdbi, dialect, counters, days);
        }
    }

    private static void load(String label, Jdbi jdbi, SqlDialect dialect, int counters, int days) {
        int minutes = days * 1440;
        long started = System.nanoTime();
        for (int from = 0; from < counters; from += CHUNK) {
            int to = Math.min(counters, from + CHUNK) - 1;
            String sql = dialect == SqlDialect.H2
                    ? "INSERT INTO history_minutes (namespace, name, bucket_start, end_value, end_version, end_at, increments,"
                    + " decrements, ops) SELECT 'default', CONCAT('bench.', c.X), " + T0 + " + m.X * 60000, (m.X + 1) * 10,"
                    + " (m.X + 1) * 12, " + T0 + " + m.X * 60000 + 59000, 12, 2, 12"
                    + " FROM SYSTEM_RANGE(" + from + ", " + to + ") c, SYSTEM_RANGE(0, " + (minutes - 1) + ") m"
                    : "INSERT INTO history_minutes (namespace, name, bucket_start, end_value, end_version, end_at, increments,"
                    + " decrements, ops) SELECT 'default', 'bench.' || c, " + T0 + " + m * 60000::bigint, (m + 1) * 10,"
                    + " (m + 1) * 12, " + T0 + " + m * 60000::bigint + 59000, 12, 2, 12"
                    + " FROM generate_series(" + from + ", " + to + ") c, generate_series(0, " + (minutes - 1) + ") m";
            jdbi.useHandle(handle -> handle.execute(sql));
            System.out.printf("%s: %d of %d counters loaded after %.0f s%n", label, to + 1, counters,
                    (System.nanoTime() - started) / 1e9);
        }
        if (dialect == SqlDialect.POSTGRESQL) {
            jdbi.useHandle(handle -> handle.execute("ANALYZE history_minutes"));
        }
        long rows = jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM history_minutes").mapTo(Long.class).one());
        System.out.printf("%s: inserted %,d rows (%d counters x %d days of minutes) in %.1f s%n", label, rows, counters, days,
                (System.nanoTime() - started) / 1e9);
    }

    private static void query(String label, Jdbi jdbi, SqlDialect dialect, int counters, int days) {
        HistoryService history = new HistoryService(new HistoryStore(jdbi, dialect), new HistoryRecorder());
        CounterId busy = new CounterId("default", "bench." + counters / 2);
        long dayStart = T0 + (days - 2) * 86_400_000L;
        double[] millis = new double[50];
        int points = 0;
        for (int i = 0; i < millis.length; i++) {
            long from = dayStart - (i % 10) * 3_600_000L;
            long t = System.nanoTime();
            points = history.query(busy, HistoryStep.MINUTE, from, from + 86_400_000L, false).points().size();
            millis[i] = (System.nanoTime() - t) / 1e6;
        }
        double first = millis[0];
        Arrays.sort(millis);
        System.out.printf("%s: one-day 1m query of one counter: %d points; first %.1f ms, median %.1f ms, p90 %.1f ms (50 runs)%n",
                label, points, first, millis[millis.length / 2], millis[(int) (millis.length * 0.9)]);

        long t = System.nanoTime();
        int hourPoints = history.query(busy, HistoryStep.HOUR, T0, T0 + days * 86_400_000L, false).points().size();
        System.out.printf("%s: %d-day 1h query before any rollup (aggregates minutes): %d points in %.1f ms%n", label, days,
                hourPoints, (System.nanoTime() - t) / 1e6);
    }
}
