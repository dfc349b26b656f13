package dev.countd.core.storage;

import dev.countd.core.testing.Postgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class PostgresStorageIT extends CounterStorageContract {

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

    @Override
    String unreachableUrl() {
        return "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2";
    }
}
