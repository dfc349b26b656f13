package dev.countd.api.ratelimit;

import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.Http.Reply;
import dev.countd.api.TestApps;
import dev.countd.api.TestKeys;
import dev.countd.core.testing.FreePorts;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two app instances in one Hazelcast cluster (TCP-IP members on 127.0.0.1, one cluster name, one
 * database): a key's budget is one budget, and a revocation on one is honoured by the other.
 */
class SharedBudgetIT {

    private static final int PORT_A = FreePorts.next();
    private static final int PORT_B = FreePorts.next();
    private static final String CLUSTER = "shared-" + UUID.randomUUID();
    private static final Path DATA = TestApps.freshDataDir();

    static DropwizardAppExtension<CounterConfiguration> A;
    static DropwizardAppExtension<CounterConfiguration> B;

    @BeforeAll
    static void startBothMembers() throws Exception {
        A = member(PORT_A);
        A.before();
        B = member(PORT_B);
        B.before();
    }

    /**
     * In the reverse order of the start: each app restores the {@code dw.*} system properties it found, and B found
     * A's. Stopping A last leaves none behind (stopping it first left {@code cluster.members} set for every later
     * test app in this JVM, which then tried to join these two).
     */
    @AfterAll
    static void stopBothMembers() {
        if (B != null) {
            B.after();
        }
        if (A != null) {
            A.after();
        }
    }

    @Test
    void bothMembersSpendOneBudget() {
        Http adminA = Http.local(A.getLocalPort());
        String key = TestKeys.createJson(adminA, "{\"name\":\"shared\",\"scopes\":[\"counters:write\"],"
                + "\"rateLimit\":{\"capacity\":50,\"refillTokens\":1,\"refillPeriod\":\"PT1H\"}}").get("key").asText();
        Http viaA = Http.anonymous(A.getLocalPort()).withKey(key);
        Http viaB = Http.anonymous(B.getLocalPort()).withKey(key);
        int successes = 0;
        int refusals = 0;
        for (int i = 0; i < 40; i++) {
            for (Http member : new Http[] {viaA, viaB}) {
                Reply reply = member.post("/counters/shared.budget/increment").send();
                if (reply.status() == 200) {
                    successes++;
                } else if (reply.status() == 429) {
                    refusals++;
                }
            }
        }
        assertThat(successes).isEqualTo(50);
        assertThat(refusals).isEqualTo(30);
        assertThat(Http.local(B.getLocalPort()).get("/counters/shared.budget").send().json().get("value").asLong()).isEqualTo(50);
    }

    @Test
    void revocationOnOneMemberIsHonouredByTheOtherWithinOneSecond() {
        Http adminA = Http.local(A.getLocalPort());
        String key = TestKeys.create(adminA, "shared-ns", "counters:read");
        Http viaB = Http.anonymous(B.getLocalPort()).withKey(key);
        assertThat(viaB.get("/counters").send().status()).as("B knows the key A created").isEqualTo(200);
        assertThat(adminA.delete("/api-keys/" + TestKeys.idOf(key)).send().status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(viaB.get("/counters").send().status()).isEqualTo(401));
    }

    private static DropwizardAppExtension<CounterConfiguration> member(int hazelcastPort) {
        return TestApps.app(DATA, CLUSTER, TestApps.ADMIN_KEY,
                ConfigOverride.config("logging.level", "WARN"),
                ConfigOverride.config("cluster.port", Integer.toString(hazelcastPort)),
                ConfigOverride.config("cluster.members", "127.0.0.1:" + PORT_A + ",127.0.0.1:" + PORT_B));
    }
}
