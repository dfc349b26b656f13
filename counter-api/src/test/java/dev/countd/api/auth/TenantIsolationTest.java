package dev.countd.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.Http.Reply;
import dev.countd.api.TestApps;
import dev.countd.api.TestKeys;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant B acting on tenant A's counter names gets exactly what it gets for a name nobody uses,
 * on every counter route, and A's counter never changes.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TenantIsolationTest {

    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app();

    private static Http tenantA;
    private static Http tenantB;

    @BeforeAll
    static void tenants() {
        Http admin = Http.local(APP.getLocalPort());
        tenantA = Http.anonymous(APP.getLocalPort()).withKey(TestKeys.create(admin, "tenant-a", "counters:read", "counters:write"));
        tenantB = Http.anonymous(APP.getLocalPort()).withKey(TestKeys.create(admin, "tenant-b", "counters:read", "counters:write"));
    }

    @Test
    void getOfForeignNameIsTheSameAsAbsent() {
        assertSameAsAbsent("get", name -> tenantB.get("/counters/" + name).send());
    }

    @Test
    void deleteOfForeignNameIsTheSameAsAbsent() {
        assertSameAsAbsent("delete", name -> tenantB.delete("/counters/" + name).send());
    }

    @Test
    void resetOfForeignNameIsTheSameAsAbsent() {
        assertSameAsAbsent("reset", name -> tenantB.post("/counters/" + name + "/reset").send());
    }

    @Test
    void conditionalUpdateOfForeignNameIsTheSameAsAbsent() {
        assertSameAsAbsent("ifmatch", name -> tenantB.put("/counters/" + name).header("If-Match", "\"3\"").json("{\"value\":9}"));
    }

    @Test
    void incrementOfForeignNameCreatesTheCallersOwnCounter() {
        assertSameAsAbsent("inc", name -> tenantB.post("/counters/" + name + "/increment").send());
    }

    @Test
    void decrementOfForeignNameIsTheSameAsAbsent() {
        assertSameAsAbsent("dec", name -> tenantB.post("/counters/" + name + "/decrement").send());
    }

    @Test
    void putOfForeignNameCreatesTheCallersOwnCounter() {
        assertSameAsAbsent("put", name -> tenantB.put("/counters/" + name).json("{\"value\":2}"));
    }

    @Test
    void listShowsOnlyTheCallersCounters() {
        tenantA.post("/counters/list.mine-a/increment").send();
        tenantB.post("/counters/list.mine-b/increment").send();
        JsonNode items = tenantB.get("/counters?prefix=list.").send().json().get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("name").asText()).isEqualTo("list.mine-b");
        assertThat(items.get(0).get("namespace").asText()).isEqualTo("tenant-b");
        assertThat(tenantB.get("/counters").send().body()).doesNotContain("tenant-a").doesNotContain("mine-a");
    }

    @Test
    void tenantKeyManagerSeesOnlyItsOwnNamespacesKeys() {
        Http admin = Http.local(APP.getLocalPort());
        String foreignId = TestKeys.idOf(TestKeys.create(admin, "tenant-a", "counters:read"));
        Http managerB = Http.anonymous(APP.getLocalPort()).withKey(TestKeys.create(admin, "tenant-b", "keys:manage"));
        assertThat(managerB.get("/api-keys/" + foreignId).send().status()).isEqualTo(404);
        assertThat(managerB.delete("/api-keys/" + foreignId).send().status()).isEqualTo(404);
        assertThat(managerB.get("/api-keys").send().json().get("items"))
                .allSatisfy(key -> assertThat(key.get("namespace").asText()).isEqualTo("tenant-b"));
        assertThat(managerB.post("/api-keys").json("{\"name\":\"x\",\"namespace\":\"tenant-a\",\"scopes\":[\"keys:manage\"]}").status())
                .isEqualTo(403);
    }

    /** Runs {@code call} as B on A's live counter and on a fresh name; both answers must match, A's counter unchanged. */
    private static void assertSameAsAbsent(String route, Function<String, Reply> call) {
        String owned = "iso." + route + ".owned";
        String absent = "iso." + route + ".absent";
        tenantA.put("/counters/" + owned).json("{\"value\":5,\"min\":0}");
        JsonNode before = tenantA.get("/counters/" + owned).send().json();

        Reply foreign = call.apply(owned);
        Reply nobody = call.apply(absent);

        assertThat(foreign.status()).isEqualTo(nobody.status());
        assertThat(normalise(foreign.body(), owned)).isEqualTo(normalise(nobody.body(), absent));
        assertThat(foreign.body()).doesNotContain("tenant-a");
        assertThat(tenantA.get("/counters/" + owned).send().json()).isEqualTo(before);
    }

    private static String normalise(String body, String name) {
        return body.replace(name, "NAME").replaceAll("\"(createdAt|updatedAt)\":\"[^\"]*\"", "\"$1\":\"T\"");
    }
}
