package dev.countd.core.alert;

import dev.countd.core.storage.SqlDialect;
import dev.countd.core.testing.Postgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class AlertOutboxPostgresIT extends AlertOutboxContract {

    private Postgres postgres;
    private Jdbi jdbi;

    @BeforeEach
    void database() {
        postgres = Postgres.createSchema();
        jdbi = postgres.migratedJdbi();
    }

    @AfterEach
    void drop() throws Exception {
        postgres.close();
    }

    @Override
    Jdbi jdbi() {
        return jdbi;
    }

    @Override
    SqlDialect dialect() {
        return SqlDialect.POSTGRESQL;
    }
}
