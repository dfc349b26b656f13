package dev.countd.core.history;

import dev.countd.core.storage.SqlDialect;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;

class HistoryStorePostgresIT extends HistoryStoreContract {

    private PostgresSchema postgres;

    @Override
    Jdbi jdbi() {
        if (postgres == null) {
            postgres = new PostgresSchema();
        }
        return postgres.jdbi;
    }

    @Override
    SqlDialect dialect() {
        return SqlDialect.POSTGRESQL;
    }

    @AfterEach
    void dropSchema() {
        if (postgres != null) {
            postgres.close();
        }
    }
}
