package dev.countd.api.config;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in embedded database runs with the settings its comments promise, as H2 itself reports them. */
class EmbeddedDatabaseSettingsTest {

    @TempDir
    Path dataDir;

    @Test
    void theBuiltInDatabaseKeepsTheSmallestPageCacheAndWritesEachCommitThrough() throws Exception {
        DatabaseFactory database = new DatabaseFactory();
        var factory = database.dataSourceFactory(dataDir);
        Environment environment = new Environment("embedded-settings-test");
        ManagedDataSource dataSource = factory.build(environment.metrics(), "database");
        try {
            Map<String, String> settings = DatabaseFactory.jdbi(environment, factory, dataSource).withHandle(handle ->
                    handle.createQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                            + " WHERE SETTING_NAME IN ('info.CACHE_MAX_SIZE', 'WRITE_DELAY')")
                            .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).stream()
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (first, same) -> first)));

            assertThat(settings).containsEntry("info.CACHE_MAX_SIZE", "1").containsEntry("WRITE_DELAY", "0");
        } finally {
            dataSource.stop();
        }
    }

    @Test
    void anH2UrlOfYourOwnIsUsedAsGiven() throws Exception {
        // the URL is not rewritten (H2 keeps a CACHE_SIZE it was once opened with in the file, unless the URL sets it)
        DatabaseFactory database = Jackson.newObjectMapper()
                .readValue("{\"url\": \"jdbc:h2:mem:own;CACHE_SIZE=4096\"}", DatabaseFactory.class);

        assertThat(database.effectiveUrl(dataDir)).isEqualTo("jdbc:h2:mem:own;CACHE_SIZE=4096");
        assertThat(database.builtInEmbedded()).isFalse();
    }
}
