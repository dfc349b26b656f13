package dev.countd.core.testing;

import dev.countd.core.storage.SchemaMigrations;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;

import javax.sql.DataSource;
import java.nio.file.Path;

/** A migrated H2 file database in a test's temp directory. */
public final class EmbeddedStore {

    private EmbeddedStore() {
    }

    public static Jdbi h2(Path dir) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("countd").toAbsolutePath() + ";WRITE_DELAY=0");
        dataSource.setUser("sa");
        return migrated(dataSource);
    }

    public static Jdbi migrated(DataSource dataSource) {
        SchemaMigrations.migrate(dataSource);
        return Jdbi.create(dataSource);
    }
}
