package dev.countd.api.apikey;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.Http.Reply;
import dev.countd.api.TestApps;
import dev.countd.api.TestKeys;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A key's secret is in its creation answer and nowhere else: not in later answers, logs or the database. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ApiKeySecretsTest {

    private static final Path DATA = TestApps.freshDataDir();
    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app(DATA, "secrets-" + java.util.UUID.randomUUID(), TestApps.ADMIN_KEY,
            ConfigOverride.config("logging.level", "DEBUG"),
            ConfigOverride.config("logging.loggers.org.eclipse.jetty", "INFO"),
            ConfigOverride.config("logging.loggers.org.glassfish", "INFO"),
            ConfigOverride.config("logging.loggers.com.zaxxer", "INFO"),
            ConfigOverride.config("logging.loggers.org.jdbi", "INFO"));

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Http admin;

    @BeforeEach
    void captureLogs() {
        admin = Http.local(APP.getLocalPort());
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root().detachAppender(logs);
    }

    @Test
    void creationAnswerIsTheOnlyAnswerWithTheSecret() {
        JsonNode created = TestKeys.createJson(admin, "{\"name\":\"once\",\"namespace\":\"sec\",\"scopes\":[\"counters:read\"]}");
        String key = created.get("key").asText();
        String secret = secretOf(key);
        assertThat(created.get("id").asText()).isEqualTo(TestKeys.idOf(key));
        assertThat(created.toString()).doesNotContain("sha256").doesNotContain("hash");

        List<Reply> later = List.of(
                admin.get("/api-keys/" + TestKeys.idOf(key)).send(),
                admin.get("/api-keys").send(),
                admin.get("/api-keys?namespace=sec").send(),
                admin.method("PATCH", "/api-keys/" + TestKeys.idOf(key)).json("{\"name\":\"renamed\"}"),
                admin.delete("/api-keys/" + TestKeys.idOf(key)).send());
        assertThat(later).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).contains(TestKeys.idOf(key)).doesNotContain(secret).doesNotContain("\"key\"");
        });
    }

    @Test
    void secretsNeverReachTheLog() {
        String key = TestKeys.create(admin, "sec-log", "counters:read", "counters:write");
        Http client = Http.anonymous(APP.getLocalPort()).withKey(key);
        client.post("/counters/sec.log/increment").send();
        Http.anonymous(APP.getLocalPort()).withKey("ck_" + TestKeys.idOf(key) + "_" + "Z".repeat(40)).get("/counters").send();
        admin.delete("/api-keys/" + TestKeys.idOf(key)).send();
        client.get("/counters").send();

        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).as("the capture works").anyMatch(line -> line.contains("API key " + TestKeys.idOf(key) + " created"));
        assertThat(lines).noneMatch(line -> line.contains(secretOf(key)))
                .noneMatch(line -> line.contains(secretOf(TestApps.ADMIN_KEY)))
                .noneMatch(line -> line.contains("Z".repeat(40)));
    }

    @Test
    void databaseHoldsOnlyTheHashOfEverySecret() throws Exception {
        String key = TestKeys.create(admin, "sec-db", "counters:read");
        List<String> cells = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + DATA.toAbsolutePath().resolve("countd"), "sa", "");
             Statement sql = db.createStatement()) {
            for (String table : List.of("api_keys", "counters")) {
                try (ResultSet rows = sql.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            cells.add(String.valueOf(rows.getString(i)));
                        }
                    }
                }
            }
        }
        assertThat(cells).as("the key's row is there").contains(TestKeys.idOf(key));
        assertThat(cells).noneMatch(cell -> cell.contains(secretOf(key)))
                .noneMatch(cell -> cell.contains(secretOf(TestApps.ADMIN_KEY)));
    }

    private static String secretOf(String key) {
        return key.substring(key.lastIndexOf('_') + 1);
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
