package dev.countd.core.storage;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/** Applies the numbered plain-SQL migrations under {@code db/migration} at start. */
public final class SchemaMigrations {

    private SchemaMigrations() {
    }

    public static int migrate(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
