package dev.countd.core.history;

import dev.countd.core.counter.CounterId;
import dev.countd.core.storage.ChunkedBatch;
import dev.countd.core.storage.SqlDialect;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiConsumer;

/** History rows in the database (tables of {@code V50__counter_history.sql}). Stateless and thread-safe. */
public final class HistoryStore {

    private static final String COLUMNS = "namespace, name, bucket_start, end_value, end_version, end_at, increments, decrements, ops";
    private static final String SELECT = "SELECT bucket_start, end_value, increments, decrements, ops, end_version, end_at FROM ";

    private final Jdbi jdbi;
    private final SqlDialect dialect;
    private final String addMinuteSql;

    public HistoryStore(Jdbi jdbi, SqlDialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
        this.addMinuteSql = dialect == SqlDialect.H2 ? H2_ADD : POSTGRESQL_ADD;
    }

    /** Writes drained history in one transaction: deletions first, then the minutes, added to what is stored. */
    public void write(List<PendingHistory> drained) {
        jdbi.useTransaction(handle -> {
            for (PendingHistory counter : drained) {
                if (counter.deleted()) {
                    delete(handle, counter.id());
                }
            }
            ChunkedBatch<BucketRow> rows = new ChunkedBatch<>(handle, addMinuteSql, HistoryStore::bind);
            for (PendingHistory counter : drained) {
                for (HistoryBucket bucket : counter.sortedMinutes()) {
                    rows.add(new BucketRow(counter.id(), bucket));
                }
            }
            rows.finish();
        });
    }

    public void delete(CounterId id) {
        jdbi.useTransaction(handle -> delete(handle, id));
    }

    /** Stored buckets of one counter with {@code from <= start < to}, in time order. */
    public List<HistoryBucket> read(HistoryStep step, CounterId id, long from, long to) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + step.table()
                        + " WHERE namespace = :namespace AND name = :name AND bucket_start >= :from AND bucket_start < :to"
                        + " ORDER BY bucket_start")
                .bind("namespace", id.namespace()).bind("name", id.name()).bind("from", from).bind("to", to)
                .map((rs, ctx) -> bucket(rs)).list());
    }

    /** The last stored bucket of one counter that ends at or before {@code end}. */
    public Optional<HistoryBucket> lastEndingBy(HistoryStep step, CounterId id, long end) {
        return jdbi.withHandle(handle -> handle.createQuery(SELECT + step.table()
                        + " WHERE namespace = :namespace AND name = :name AND bucket_start <= :last"
                        + " ORDER BY bucket_start DESC LIMIT 1")
                .bind("namespace", id.namespace()).bind("name", id.name()).bind("last", end - step.millis())
                .map((rs, ctx) -> bucket(rs)).findOne());
    }

    /** Every stored bucket of every counter with {@code from <= start < to}, streamed. */
    void forEachInRange(HistoryStep step, long from, long to, BiConsumer<CounterId, HistoryBucket> consumer) {
        jdbi.useHandle(handle -> handle.createQuery("SELECT namespace, name, bucket_start, end_value, increments, decrements,"
                        + " ops, end_version, end_at FROM " + step.table() + " WHERE bucket_start >= :from AND bucket_start < :to")
                .bind("from", from).bind("to", to).setFetchSize(1000)
                .map((rs, ctx) -> {
                    consumer.accept(new CounterId(rs.getString("namespace"), rs.getString("name")), bucket(rs));
                    return Boolean.TRUE;
                }).forEach(ignored -> {
                }));
    }

    /** Stores buckets, replacing whatever the same counter and bucket held (rollups are recomputed whole). */
    void replace(HistoryStep step, List<BucketRow> buckets) {
        if (buckets.isEmpty()) {
            return;
        }
        String sql = dialect.upsert(step.table(), "namespace, name, bucket_start", COLUMNS.split(", "));
        jdbi.useTransaction(handle -> {
            ChunkedBatch<BucketRow> rows = new ChunkedBatch<>(handle, sql, HistoryStore::bind);
            buckets.forEach(rows::add);
            rows.finish();
        });
    }

    OptionalLong earliest(HistoryStep step) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT MIN(bucket_start) FROM " + step.table())
                .map((rs, ctx) -> {
                    long value = rs.getLong(1);
                    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(value);
                }).one());
    }

    /** Start of the first bucket at {@code step} that the rollup has not completed; 0 when it never ran. */
    public long rolledUntil(HistoryStep step) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT rolled_until FROM history_rollups WHERE resolution = :step")
                .bind("step", step.label()).mapTo(Long.class).findOne().orElse(0L));
    }

    void setRolledUntil(HistoryStep step, long until) {
        String sql = dialect.upsert("history_rollups", "resolution", "resolution", "rolled_until");
        jdbi.useHandle(handle -> handle.createUpdate(sql).bind("resolution", step.label()).bind("rolled_until", until).execute());
    }

    /** Deletes the buckets at {@code step} that start before {@code before}; answers how many. */
    int prune(HistoryStep step, long before) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM " + step.table() + " WHERE bucket_start < :before")
                .bind("before", before).execute());
    }

    private static void delete(Handle handle, CounterId id) {
        for (HistoryStep step : HistoryStep.values()) {
            handle.createUpdate("DELETE FROM " + step.table() + " WHERE namespace = :namespace AND name = :name")
                    .bind("namespace", id.namespace()).bind("name", id.name()).execute();
        }
    }

    private static void bind(PreparedBatch batch, BucketRow row) {
        CounterId id = row.id();
        HistoryBucket bucket = row.bucket();
        batch.bind("namespace", id.namespace()).bind("name", id.name())
                .bind("bucket_start", bucket.start()).bind("end_value", bucket.value())
                .bind("end_version", bucket.version()).bind("end_at", bucket.at())
                .bind("increments", bucket.increments()).bind("decrements", bucket.decrements()).bind("ops", bucket.ops());
    }

    private static HistoryBucket bucket(ResultSet rs) throws SQLException {
        return new HistoryBucket(rs.getLong("bucket_start"), rs.getLong("end_value"), rs.getLong("increments"),
                rs.getLong("decrements"), rs.getLong("ops"), rs.getLong("end_version"), rs.getLong("end_at"));
    }

    /** One row of a history table: a bucket and its counter. */
    record BucketRow(CounterId id, HistoryBucket bucket) {
    }

    // Additive merge: two members may flush the same minute of one counter (after a partition
    // migration), so sums add up (saturating at 2^63-1) and the value of the newer change wins.
    private static final String NEWER = "s.end_version > h.end_version OR (s.end_version = h.end_version AND s.end_at >= h.end_at)";
    private static final String MERGED_COLUMNS = """
            end_value = CASE WHEN %1$s THEN s.end_value ELSE h.end_value END,
            end_at = CASE WHEN %1$s THEN s.end_at ELSE h.end_at END,
            end_version = CASE WHEN %1$s THEN s.end_version ELSE h.end_version END,
            increments = CASE WHEN h.increments > 9223372036854775807 - s.increments THEN 9223372036854775807 ELSE h.increments + s.increments END,
            decrements = CASE WHEN h.decrements > 9223372036854775807 - s.decrements THEN 9223372036854775807 ELSE h.decrements + s.decrements END,
            ops = CASE WHEN h.ops > 9223372036854775807 - s.ops THEN 9223372036854775807 ELSE h.ops + s.ops END
            """.formatted(NEWER);
    private static final String H2_ADD = "MERGE INTO history_minutes h USING (VALUES (CAST(:namespace AS VARCHAR(63)),"
            + " CAST(:name AS VARCHAR(200)), CAST(:bucket_start AS BIGINT), CAST(:end_value AS BIGINT),"
            + " CAST(:end_version AS BIGINT), CAST(:end_at AS BIGINT), CAST(:increments AS BIGINT),"
            + " CAST(:decrements AS BIGINT), CAST(:ops AS BIGINT))) s(" + COLUMNS + ")"
            + " ON h.namespace = s.namespace AND h.name = s.name AND h.bucket_start = s.bucket_start"
            + " WHEN MATCHED THEN UPDATE SET " + MERGED_COLUMNS
            + " WHEN NOT MATCHED THEN INSERT (" + COLUMNS + ") VALUES (s.namespace, s.name, s.bucket_start, s.end_value,"
            + " s.end_version, s.end_at, s.increments, s.decrements, s.ops)";
    private static final String POSTGRESQL_ADD = "INSERT INTO history_minutes AS h (" + COLUMNS + ") VALUES (:namespace, :name,"
            + " :bucket_start, :end_value, :end_version, :end_at, :increments, :decrements, :ops)"
            + " ON CONFLICT (namespace, name, bucket_start) DO UPDATE SET " + MERGED_COLUMNS.replace("s.", "EXCLUDED.");
}
