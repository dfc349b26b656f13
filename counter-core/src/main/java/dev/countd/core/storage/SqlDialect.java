package dev.countd.core.storage;

/** The two databases we run on differ only in how they spell an upsert. */
public enum SqlDialect {
    H2,
    POSTGRESQL;

    public static SqlDialect fromJdbcUrl(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalArgumentException("unsupported database URL (use jdbc:h2: or jdbc:postgresql:)");
    }

    public String driverClass() {
        return this == H2 ? "org.h2.Driver" : "org.postgresql.Driver";
    }

    /**
     * An insert-or-replace of a whole row keyed by {@code keyColumns}; values are bound by column name.
     */
    public String upsert(String table, String keyColumns, String... columns) {
        String names = String.join(", ", columns);
        StringBuilder values = new StringBuilder();
        for (String column : columns) {
            values.append(values.length() == 0 ? "" : ", ").append(':').append(column);
        }
        if (this == H2) {
            return "MERGE INTO " + table + " (" + names + ") KEY (" + keyColumns + ") VALUES (" + values + ")";
        }
        StringBuilder updates = new StringBuilder();
        for (String column : columns) {
            if (!(", " + keyColumns + ",").contains(", " + column + ",")) {
                updates.append(updates.length() == 0 ? "" : ", ").append(column).append(" = EXCLUDED.").append(column);
            }
        }
        return "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ") ON CONFLICT (" + keyColumns
                + ") DO UPDATE SET " + updates;
    }
}
