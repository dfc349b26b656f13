package dev.countd.api.config;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The application's Jdbi renders SQL with an engine whose parse Jdbi caches, and still expands list attributes. */
class DatabaseJdbiTest {

    @TempDir
    Path dataDir;

    @Test
    void statementsAreRenderedByACachingEngineThatStillExpandsLists() throws Exception {
        DataSourceFactory factory = new DatabaseFactory().dataSourceFactory(dataDir);
        Environment environment = new Environment("jdbi-test");
        ManagedDataSource dataSource = factory.build(environment.metrics(), "database");
        try {
            Jdbi jdbi = DatabaseFactory.jdbi(environment, factory, dataSource);
            // Jdbi caches the parse only of TemplateEngine.Parsing engines (Dropwizard's name-prepending wrapper is not one)
            assertThat(jdbi.getConfig(SqlStatements.class).getTemplateEngine()).isInstanceOf(TemplateEngine.Parsing.class);
            List<Integer> found = jdbi.withHandle(handle -> {
                handle.execute("CREATE TABLE t (n INT)");
                handle.execute("INSERT INTO t VALUES (1), (2), (3)");
                return handle.createQuery("SELECT n FROM t WHERE n IN (<wanted>) ORDER BY n")
                        .bindList("wanted", List.of(1, 3)).mapTo(Integer.class).list();
            });
            assertThat(found).containsExactly(1, 3);
        } finally {
            dataSource.stop();
        }
    }
}
