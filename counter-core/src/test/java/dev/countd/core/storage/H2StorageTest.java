package dev.countd.core.storage;

import dev.countd.core.testing.EmbeddedStore;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class H2StorageTest extends CounterStorageContract {

    @TempDir
    Path dir;
    private Jdbi jdbi;

    @BeforeEach
    void database() {
        jdbi = EmbeddedStore.h2(dir);
    }

    @Override
    Jdbi jdbi() {
        return jdbi;
    }

    @Override
    SqlDialect dialect() {
        return SqlDialect.H2;
    }

    @Override
    String unreachableUrl() {
        return "jdbc:h2:tcp://127.0.0.1:1/none";
    }
}
