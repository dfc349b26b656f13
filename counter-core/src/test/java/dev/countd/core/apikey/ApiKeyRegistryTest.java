package dev.countd.core.apikey;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import dev.countd.core.cluster.ClusterSettings;
import dev.countd.core.cluster.CounterCluster;
import dev.countd.core.storage.CounterMapStore;
import dev.countd.core.storage.PersistenceSettings;
import dev.countd.core.storage.SqlDialect;
import dev.countd.core.testing.EmbeddedStore;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyRegistryTest {

    @TempDir
    Path dir;
    private HazelcastInstance member;
    private ApiKeyRegistry registry;
    private Jdbi jdbi;
    private final Instant now = Instant.parse("2030-01-01T00:00:00Z");

    @BeforeEach
    void start() {
        jdbi = EmbeddedStore.h2(dir);
        Config config = CounterCluster.config(ClusterSettings.standalone("apikey-test-" + UUID.randomUUID()),
                PersistenceSettings.WRITE_THROUGH, new CounterMapStore(jdbi, SqlDialect.H2, CounterMapStore.StoreTimer.NONE));
        ApiKeyCluster.configure(config, new ApiKeyMapStore(jdbi, SqlDialect.H2), 1);
        member = CounterCluster.start(config);
        registry = new ApiKeyRegistry(member.getMap(ApiKeyCluster.API_KEYS_MAP), Clock.fixed(now, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        member.shutdown();
    }

    @Test
    void createdKeyAuthenticatesAndCarriesItsNamespace() {
        CreatedApiKey created = registry.create(request(null));
        Authentication result = registry.authenticate(created.token().value());
        assertThat(result).isInstanceOfSatisfying(Authentication.Accepted.class,
                accepted -> assertThat(accepted.key().namespace()).isEqualTo("shop"));
    }

    @Test
    void wrongSecretAndUnknownIdAreBothUnknown() {
        CreatedApiKey created = registry.create(request(null));
        String wrongSecret = "ck_" + created.token().keyId() + "_" + "x".repeat(40);
        String unknownId = "ck_zzzzzzzzzzzz_" + created.token().secret();
        assertThat(registry.authenticate(wrongSecret)).isEqualTo(new Authentication.Refused(Authentication.Reason.UNKNOWN));
        assertThat(registry.authenticate(unknownId)).isEqualTo(new Authentication.Refused(Authentication.Reason.UNKNOWN));
        assertThat(registry.authenticate("nonsense")).isEqualTo(new Authentication.Refused(Authentication.Reason.MALFORMED));
        assertThat(registry.authenticate(null)).isEqualTo(new Authentication.Refused(Authentication.Reason.MISSING));
    }

    @Test
    void revokedKeyIsRefusedOnTheNextLookup() {
        CreatedApiKey created = registry.create(request(null));
        registry.revoke(created.key().id());
        assertThat(registry.authenticate(created.token().value()))
                .isEqualTo(new Authentication.Refused(Authentication.Reason.REVOKED));
    }

    @Test
    void keyPastItsExpiryIsRefused() {
        CreatedApiKey created = registry.create(request(now));
        assertThat(registry.authenticate(created.token().value()))
                .isEqualTo(new Authentication.Refused(Authentication.Reason.EXPIRED));
    }

    @Test
    void lastUsedAtReachesTheDatabaseOnlyOnFlush() {
        CreatedApiKey created = registry.create(request(null));
        registry.authenticate(created.token().value());
        assertThat(registry.find(created.key().id()).orElseThrow().lastUsedAt()).as("reported at once").isEqualTo(now);
        assertThat(storedLastUsed(created.key().id())).as("not written per request").isEmpty();
        assertThat(registry.flushLastUsed()).isEqualTo(1);
        assertThat(storedLastUsed(created.key().id())).contains(now.toEpochMilli());
    }

    @Test
    void bootstrapCreatesTheAdminKeyOnlyOnAnEmptyStore() {
        ApiKeyToken given = ApiKeyToken.parse("ck_bootadmin_" + "B".repeat(40)).orElseThrow();
        assertThat(registry.bootstrap(Optional.of(given), token -> { })).isTrue();
        assertThat(registry.bootstrap(Optional.empty(), token -> { })).isFalse();
        ApiKey admin = registry.find("bootadmin").orElseThrow();
        assertThat(admin.scopes()).isEqualTo(Scope.all());
        assertThat(admin.namespace()).isEqualTo("default");
    }

    @Test
    void keysSurviveARestartOfTheMember() {
        CreatedApiKey created = registry.create(request(null));
        member.shutdown();
        start();
        assertThat(registry.authenticate(created.token().value())).isInstanceOf(Authentication.Accepted.class);
        assertThat(registry.find(created.key().id()).orElseThrow().secretSha256()).isEqualTo(created.key().secretSha256());
    }

    private Optional<Long> storedLastUsed(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT last_used_at FROM api_keys WHERE id = :id").bind("id", id)
                .mapTo(Long.class).findOne());
    }

    private static NewApiKey request(Instant expiresAt) {
        return new NewApiKey("test", "shop", Set.of(Scope.COUNTERS_READ), null, null, expiresAt);
    }
}
