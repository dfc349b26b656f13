package dev.countd.core.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.map.MapStore;
import dev.countd.core.alert.AlertEvent;
import dev.countd.core.alert.AlertEventStore;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.OverflowPolicy;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Loads counters into the IMap at start and writes every change back, either inside the update
 * (write-through, concurrent updates grouped into one commit) or in coalesced batches (write-behind),
 * as the map's config says. Thread-safe: the group commit is the only state besides the Jdbi handle factory.
 */
public final class CounterMapStore implements MapStore<String, Counter> {

    private static final String COLUMNS = "namespace, name, format, counter_value, min_value, max_value, "
            + "initial_value, overflow, version, description, labels, created_at, updated_at, recent_ops, alert_state";
    /**
     * On H2: a change's row as an update of only the columns a value change touches, where the settings are as stored
     * (the common case): the same row as the upsert, for less work. H2's upsert ({@code MERGE ... KEY}) evaluates a
     * lookup per row and sets every column; this sets five of a row found through the key (write-behind under load
     * here: 41 instead of 71 us of store time per row, docs/benchmarks.md). Rows it matches none of (a new counter,
     * changed settings) are upserted next. PostgreSQL keeps the one upsert pass: members sharing it lock rows in key
     * order, which a second pass back over earlier keys would break.
     */
    private static final String UPDATE_CHANGING = "UPDATE counters SET counter_value = :counter_value, version = :version,"
            + " updated_at = :updated_at, recent_ops = :recent_ops, alert_state = :alert_state"
            + " WHERE namespace = :namespace AND name = :name AND format = :format AND min_value = :min_value"
            + " AND max_value = :max_value AND initial_value = :initial_value AND overflow = :overflow"
            + " AND description = :description AND labels = :labels AND created_at = :created_at";
    private static final int LOAD_CHUNK = 500;
    /**
     * On H2, the names of a load chunk arrive as one array parameter joined to the table: H2 plans {@code name IN
     * (?, ?, ...)} with parameters as a scan of every row of the namespace (10 s per 1,000 names out of 1,000,000
     * stored here), where the join looks each name up through the key (30 ms). PostgreSQL uses its index for the
     * list.
     */
    private static final String H2_LOAD_CHUNK = "SELECT "
            + Arrays.stream(COLUMNS.split(", ")).map("c."::concat).collect(Collectors.joining(", "))
            + " FROM TABLE(wanted VARCHAR = :names) w JOIN counters c ON c.namespace = :namespace AND c.name = w.wanted";
    private static final String LIST_LOAD_CHUNK = "SELECT " + COLUMNS
            + " FROM counters WHERE namespace = :namespace AND name IN (<names>)";
    /** Declared sizes of columns a valid counter could still overflow (db/migration V1 and V40). */
    private static final int DESCRIPTION_MAX = 1024;
    private static final int LABELS_MAX = 65536;
    private static final int ALERT_STATE_MAX = 8192;
    private static final ObjectMapper LABELS_JSON = new ObjectMapper();
    private static final Comparator<Counter> KEY_ORDER = Comparator.comparing(Counter::namespace).thenComparing(Counter::name);
    private static final TypeReference<LinkedHashMap<String, String>> LABELS = new TypeReference<>() {
    };

    private final Jdbi jdbi;
    private final ObjectMapper json = new ObjectMapper();
    private final String upsertSql;
    private final boolean updateFirst;
    private final boolean namesAsArray;
    private final StoreTimer timer;
    private final GroupCommit<Counter> groupCommit = new GroupCommit<>(this::writeInOneTransaction,
            CounterMapStore::rowRefused);

    public CounterMapStore(Jdbi jdbi, SqlDialect dialect, StoreTimer timer) {
        this.jdbi = jdbi;
        this.timer = timer;
        this.upsertSql = dialect.upsert("counters", "namespace, name", COLUMNS.split(", "));
        this.updateFirst = dialect == SqlDialect.H2;
        this.namesAsArray = dialect == SqlDialect.H2;
    }

    @Override
    public void store(String key, Counter stored) {
        // write-through: the caller waits; concurrent updates share one transaction (see GroupCommit)
        Counter counter = Counter.identified(key, stored);
        timer.time(() -> groupCommit.write(counter));
    }

    @Override
    public void storeAll(Map<String, Counter> counters) {
        // map values do not carry their identity (see Counter): it comes from the keys
        List<Counter> identified = new ArrayList<>(counters.size());
        counters.forEach((key, stored) -> identified.add(Counter.identified(key, stored)));
        timer.time(() -> writeInOneTransaction(identified));
    }

    /** The rows and the crossing events their changes produced commit together (durable outbox). */
    private void writeInOneTransaction(List<Counter> counters) {
        if (counters.size() == 1 && counters.get(0).outbox().isEmpty()) {
            Counter counter = counters.get(0);
            jdbi.useHandle(handle -> {
                // two statements, each atomic: either the update wrote the whole row, or the upsert does
                if (!updateFirst || bindRow(handle.createUpdate(UPDATE_CHANGING), counter).execute() == 0) {
                    bindRow(handle.createUpdate(upsertSql), counter).execute();
                }
            });
            recordCommitted(1);
            return;
        }
        // rows in key order: transactions of several members sharing one database lock them in the same order
        List<Counter> inKeyOrder = new ArrayList<>(counters);
        inKeyOrder.sort(KEY_ORDER);
        jdbi.useTransaction(handle -> upsertWithOutbox(handle, inKeyOrder));
        recordCommitted(counters.size());
    }

    private void upsertWithOutbox(Handle handle, List<Counter> inKeyOrder) {
        if (inKeyOrder.isEmpty()) {
            return;
        }
        ChunkedBatch<Counter> upserts = new ChunkedBatch<>(handle, upsertSql, this::bindRow);
        if (updateFirst) {
            ChunkedBatch<Counter> updates = ChunkedBatch.trackingUnmatched(handle, UPDATE_CHANGING, this::bindRow);
            newestPerKey(inKeyOrder).forEach(updates::add);
            updates.finish();
            // new counters, and those whose settings changed since they were stored
            updates.unmatched().forEach(upserts::add);
        } else {
            inKeyOrder.forEach(upserts::add);
        }
        upserts.finish();
        for (Counter counter : inKeyOrder) {
            AlertEventStore.insertOutbox(handle, counter);
        }
    }

    /**
     * The last row of each key (rows in key order, a key's rows oldest first): in two passes an older state of a key
     * could otherwise be upserted after a newer one was updated.
     */
    private static List<Counter> newestPerKey(List<Counter> inKeyOrder) {
        List<Counter> newest = new ArrayList<>(inKeyOrder.size());
        for (int i = 0; i < inKeyOrder.size(); i++) {
            Counter row = inKeyOrder.get(i);
            boolean overtaken = i + 1 < inKeyOrder.size() && KEY_ORDER.compare(row, inKeyOrder.get(i + 1)) == 0;
            if (!overtaken) {
                newest.add(row);
            }
        }
        return newest;
    }

    private static void deleteRows(Handle handle, Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("DELETE FROM counters WHERE namespace = :namespace AND name = :name");
        for (String key : keys) {
            CounterId id = CounterId.fromKey(key);
            batch.bind("namespace", id.namespace()).bind("name", id.name()).add();
        }
        batch.execute();
    }

    /**
     * One transaction for a batch of journaled changes: the rows (with their outbox events), the deletions, and the
     * events of earlier states that no row carries any more ({@code deletedEvents}: of counters deleted since).
     */
    void writeJournaled(List<Counter> rows, List<String> deletedKeys, Map<CounterId, List<AlertEvent>> deletedEvents) {
        List<Counter> inKeyOrder = new ArrayList<>(rows);
        inKeyOrder.sort(KEY_ORDER);
        timer.time(() -> jdbi.useTransaction(handle -> {
            deleteRows(handle, deletedKeys);
            upsertWithOutbox(handle, inKeyOrder);
            deletedEvents.forEach((id, events) -> AlertEventStore.insertEvents(handle, id, events));
        }));
        recordCommitted(rows.size());
    }

    /**
     * Why the database would refuse this state's row (a column's declared size), or null. The direct path learns it
     * from the database and fails the update; the journal asks first, because it acknowledges before writing.
     */
    static String refusal(Counter counter) {
        if (counter.description().length() > DESCRIPTION_MAX) {
            return "description longer than " + DESCRIPTION_MAX;
        }
        if (!counter.alertDisarmed().isEmpty() && String.join(",", counter.alertDisarmed()).length() > ALERT_STATE_MAX) {
            return "alert state longer than " + ALERT_STATE_MAX;
        }
        if (!counter.labels().isEmpty() && labelsLength(counter.labels()) > LABELS_MAX) {
            return "labels longer than " + LABELS_MAX;
        }
        return null;
    }

    private static int labelsLength(Map<String, String> labels) {
        try {
            return LABELS_JSON.writeValueAsString(labels).length();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("labels are plain strings and always serialise", e);
        }
    }

    @Override
    public void delete(String key) {
        CounterId id = CounterId.fromKey(key);
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM counters WHERE namespace = :namespace AND name = :name")
                .bind("namespace", id.namespace()).bind("name", id.name()).execute());
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        jdbi.useTransaction(handle -> deleteRows(handle, keys));
    }

    @Override
    public Counter load(String key) {
        CounterId id = CounterId.fromKey(key);
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM counters WHERE namespace = :namespace AND name = :name")
                .bind("namespace", id.namespace()).bind("name", id.name())
                .map((rs, ctx) -> readRow(rs)).findOne().orElse(null));
    }

    @Override
    public Map<String, Counter> loadAll(Collection<String> keys) {
        Map<String, List<String>> namesByNamespace = new HashMap<>();
        for (String key : keys) {
            CounterId id = CounterId.fromKey(key);
            namesByNamespace.computeIfAbsent(id.namespace(), ns -> new ArrayList<>()).add(id.name());
        }
        Map<String, Counter> loaded = new HashMap<>();
        jdbi.useHandle(handle -> namesByNamespace.forEach((namespace, names) -> {
            for (int from = 0; from < names.size(); from += LOAD_CHUNK) {
                List<String> chunk = names.subList(from, Math.min(names.size(), from + LOAD_CHUNK));
                Query query = handle.createQuery(namesAsArray ? H2_LOAD_CHUNK : LIST_LOAD_CHUNK).bind("namespace", namespace);
                (namesAsArray ? query.bindArray("names", String.class, chunk) : query.bindList("names", chunk))
                        .map((rs, ctx) -> readRow(rs))
                        .forEach(counter -> loaded.put(counter.id().key(), counter));
            }
        }));
        return loaded;
    }

    @Override
    public Iterable<String> loadAllKeys() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT namespace, name FROM counters")
                .map((rs, ctx) -> rs.getString(1) + "/" + rs.getString(2)).list());
    }

    /** A metric must never turn a committed write into a reported failure. */
    private void recordCommitted(int rows) {
        try {
            timer.committed(rows);
        } catch (RuntimeException e) {
            // the rows are in the database; a broken metric changes nothing about that
        }
    }

    /** SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation): this row, not the database. */
    static boolean rowRefused(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // a batch's own exception may carry a generic state and chain the statement's failure as "next"
            for (SQLException sql = t instanceof SQLException e ? e : null; sql != null; sql = sql.getNextException()) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindRow(S statement, Counter c) {
        return statement.bind("namespace", c.namespace())
                .bind("name", c.name())
                .bind("format", Counter.FORMAT)
                .bind("counter_value", c.value())
                .bind("min_value", c.min())
                .bind("max_value", c.max())
                .bind("initial_value", c.initial())
                .bind("overflow", c.overflow().name())
                .bind("version", c.version())
                .bind("description", c.description())
                .bind("labels", writeLabels(c.labels()))
                .bind("created_at", c.createdAt())
                .bind("updated_at", c.updatedAt())
                .bind("recent_ops", RecentOpsColumn.write(c.recentOps(), json))
                .bind("alert_state", c.alertDisarmed().isEmpty() ? null : String.join(",", c.alertDisarmed()));
    }

    private Counter readRow(ResultSet rs) throws SQLException {
        return new Counter(rs.getString("namespace"), rs.getString("name"), rs.getLong("counter_value"),
                rs.getLong("min_value"), rs.getLong("max_value"), rs.getLong("initial_value"),
                OverflowPolicy.valueOf(rs.getString("overflow")), rs.getLong("version"),
                rs.getString("description"), readLabels(rs.getString("labels")),
                rs.getLong("created_at"), rs.getLong("updated_at"),
                RecentOpsColumn.read(rs.getString("recent_ops"), json, System.currentTimeMillis()),
                readAlertState(rs.getString("alert_state")), List.of());
    }

    private static List<String> readAlertState(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(","));
    }

    private String writeLabels(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "{}"; // most counters: no serialiser per row
        }
        try {
            return json.writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("labels are plain strings and always serialise", e);
        }
    }

    private Map<String, String> readLabels(String stored) {
        try {
            return json.readValue(stored, LABELS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("counter row holds malformed labels", e);
        }
    }

    /** Measures store latency and transaction sizes; the api module plugs in Prometheus histograms. */
    @FunctionalInterface
    public interface StoreTimer {
        StoreTimer NONE = Runnable::run;

        void time(Runnable store);

        /** A transaction holding this many counter rows committed (how well write-through groups). */
        default void committed(int rows) {
        }

        /** This timer's transaction sizes without its timing: for batches that no update waits for (journal flushes). */
        default StoreTimer rowsOnly() {
            StoreTimer rows = this;
            return new StoreTimer() {
                @Override
                public void time(Runnable store) {
                    store.run();
                }

                @Override
                public void committed(int count) {
                    rows.committed(count);
                }
            };
        }
    }
}
