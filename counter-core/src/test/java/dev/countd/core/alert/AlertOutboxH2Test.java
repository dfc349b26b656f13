package dev.countd.core.alert;

import dev.countd.core.storage.SqlDialect;
import dev.countd.core.testing.EmbeddedStore;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class AlertOutboxH2Test extends AlertOutboxContract {

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
}
