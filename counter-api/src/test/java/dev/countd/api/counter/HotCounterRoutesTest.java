package dev.countd.api.counter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.Http.Reply;
import dev.countd.api.TestApps;
import dev.countd.api.TestKeys;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lean path answers plain increments and decrements exactly as Jersey does. Each case is sent
 * twice, differing only in the Accept header: {@code application/json} is served by
 * {@link HotCounterRoutes}, {@code application/json, text/plain;q=0.1} falls through to Jersey;
 * the served-meter tells which path answered.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class HotCounterRoutesTest {

    static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app();
    private static final String LEAN = "application/json";
    private static final String JERSEY = "application/json, text/plain;q=0.1";
    /** Headers whose values differ between any two answers, and Jersey's own bookkeeping. */
    private static final Set<String> VARYING = Set.of("date", "etag", "ratelimit", "x-ratelimit-remaining", "x-ratelimit-reset");

    @Test
    void plainIncrementIsServedByTheLeanPathWithTheSameAnswerAsJersey() {
        Http http = Http.local(APP.getLocalPort());
        Pair pair = both(accept -> http.post("/counters/lean.inc-" + accept.length() + "/increment?by=5").header("Accept", accept).send());
        assertThat(pair.lean().status()).isEqualTo(200);
        assertThat(pair.lean().json().get("value").asLong()).isEqualTo(5);
        assertThat(pair.lean().json().get("clamped").asBoolean()).isFalse();
        assertThat(pair.lean().header("ETag")).isEqualTo("\"1\"");
        assertThat(pair.lean().header("RateLimit-Policy")).isNotNull();
        pair.assertSame();
    }

    @Test
    void updatesOfExistingCountersAnswerAlikeOnBothPaths() {
        Http http = Http.local(APP.getLocalPort());
        for (String accept : new String[] {LEAN, JERSEY}) {
            assertThat(http.put("/counters/lean.upd-" + accept.length()).json("{\"max\":10,\"overflow\":\"CLAMP\",\"value\":8}")
                    .status()).isEqualTo(201);
        }
        Pair updated = both(accept -> http.post("/counters/lean.upd-" + accept.length() + "/increment").header("Accept", accept).send());
        assertThat(updated.lean().json().get("value").asLong()).isEqualTo(9);
        assertThat(updated.lean().json().get("clamped").asBoolean()).isFalse();
        assertThat(updated.lean().header("ETag")).isEqualTo(updated.jersey().header("ETag")).isEqualTo("\"2\"");
        updated.assertSame();

        Pair clamped = both(accept -> http.post("/counters/lean.upd-" + accept.length() + "/increment?by=5").header("Accept", accept).send());
        assertThat(clamped.lean().status()).isEqualTo(200);
        assertThat(clamped.lean().json().get("value").asLong()).isEqualTo(10);
        assertThat(clamped.lean().json().get("clamped").asBoolean()).isTrue();
        assertThat(clamped.lean().header("ETag")).isEqualTo(clamped.jersey().header("ETag")).isEqualTo("\"3\"");
        clamped.assertSame();
    }

    @Test
    void decrementBelowMinIsTheSameProblemOnBothPaths() {
        Http http = Http.local(APP.getLocalPort());
        Pair pair = both(accept -> http.post("/counters/lean.dec-" + accept.length() + "/decrement").header("Accept", accept).send());
        assertThat(pair.lean().status()).isEqualTo(409);
        assertThat(pair.lean().problemType()).isEqualTo("bound-exceeded");
        pair.assertSame();
    }

    @Test
    void badNamesAndAmountsAreTheSameProblemsOnBothPaths() {
        Http http = Http.local(APP.getLocalPort());
        Pair badName = both(accept -> http.post("/counters/-bad/increment").header("Accept", accept).send());
        assertThat(badName.lean().status()).isEqualTo(400);
        badName.assertSame();
        Pair zero = both(accept -> http.post("/counters/lean.zero/increment?by=0").header("Accept", accept).send());
        assertThat(zero.lean().status()).isIn(400, 422);
        zero.assertSame();
        Pair text = both(accept -> http.post("/counters/lean.text/increment?by=ten").header("Accept", accept).send());
        assertThat(text.lean().status()).isEqualTo(400);
        text.assertSame();
        Pair huge = both(accept -> http.post("/counters/lean.huge/increment?by=99999999999999999999").header("Accept", accept).send());
        assertThat(huge.lean().status()).isEqualTo(400);
        huge.assertSame();
        assertThat(http.get("/counters/lean.zero").send().status()).isEqualTo(404);
    }

    @Test
    void missingKeyAndMissingScopeAreRefusedAlike() {
        Http anonymous = Http.anonymous(APP.getLocalPort());
        Pair unauthorized = both(accept -> anonymous.post("/counters/lean.anon/increment").header("Accept", accept).send());
        assertThat(unauthorized.lean().status()).isEqualTo(401);
        assertThat(unauthorized.lean().header("WWW-Authenticate")).startsWith("Bearer");
        unauthorized.assertSame();

        Http admin = Http.local(APP.getLocalPort());
        Http reader = admin.withKey(TestKeys.create(admin, "default", "counters:read"));
        Pair forbidden = both(accept -> reader.post("/counters/lean.ro/increment").header("Accept", accept).send());
        assertThat(forbidden.lean().status()).isEqualTo(403);
        forbidden.assertSame();
        assertThat(admin.get("/counters/lean.ro").send().status()).isEqualTo(404);
    }

    @Test
    void unusualFormsFallThroughToJersey() {
        Http http = Http.local(APP.getLocalPort());
        long before = served();
        assertThat(http.post("/counters/lean.fall/increment").json("{\"by\":2}").status()).isEqualTo(200);
        assertThat(http.post("/counters/lean.fall/increment?by=1&by=9").send().status()).isEqualTo(200);
        assertThat(http.post("/counters/lean%2Efall/increment").send().json().get("value").asLong()).isEqualTo(4);
        assertThat(http.post("/counters/lean.fall/increment").header("Idempotency-Key", "k-1").send().status()).isEqualTo(200);
        assertThat(http.post("/counters/lean.fall/increment").header("If-Match", "\"4\"").send().status()).isEqualTo(200);
        assertThat(served()).isEqualTo(before);
        assertThat(http.get("/counters/lean.fall").send().json().get("value").asLong()).isEqualTo(6);
    }

    @Test
    void recognisesOnlyTheSimpleForm() {
        assertThat(HotCounterRoutes.step("/counters/a.b/increment", "", null)).isEqualTo(
                new HotCounterRoutes.Step(HotCounterRoutes.Kind.INCREMENT, "a.b", null));
        assertThat(HotCounterRoutes.step("/counters/a/decrement", "", "3").kind()).isEqualTo(HotCounterRoutes.Kind.DECREMENT);
        assertThat(HotCounterRoutes.step("/counters/a/reset", "", null)).isNull();
        assertThat(HotCounterRoutes.step("/counters//increment", "", null)).isNull();
        assertThat(HotCounterRoutes.step("/counters/a/b/increment", "", null)).isNull();
        assertThat(HotCounterRoutes.step("/counters/a%20b/increment", "", null)).isNull();
        assertThat(HotCounterRoutes.step("/counters/a;x=1/increment", "", null)).isNull();
        assertThat(HotCounterRoutes.step("/counters/a/increment/", "", null)).isNull();
        assertThat(HotCounterRoutes.step("/counters/a/increment", "/api", null)).isNull();
        assertThat(HotCounterRoutes.by("by=12")).isEqualTo("12");
        assertThat(HotCounterRoutes.by("by=1&x=2")).isNull();
        assertThat(HotCounterRoutes.by("by=%31")).isNull();
        assertThat(HotCounterRoutes.by("x=1")).isNull();
        assertThat(HotCounterRoutes.acceptsJson(null)).isTrue();
        assertThat(HotCounterRoutes.acceptsJson("text/html")).isFalse();
        assertThat(HotCounterRoutes.acceptsJson("application/json;q=0")).isFalse();
    }

    private record Pair(Reply lean, Reply jersey) {
        void assertSame() {
            assertThat(lean.status()).isEqualTo(jersey.status());
            assertThat(headerNames(lean)).isEqualTo(headerNames(jersey));
            assertThat(lean.header("Content-Type")).isEqualTo(jersey.header("Content-Type"));
            assertThat(lean.header("WWW-Authenticate")).isEqualTo(jersey.header("WWW-Authenticate"));
            assertThat(lean.header("RateLimit-Policy")).isEqualTo(jersey.header("RateLimit-Policy"));
            assertThat(comparable(lean.json())).isEqualTo(comparable(jersey.json()));
        }
    }

    /** Sends {@code call} through the lean path, then through Jersey, checking which path answered each. */
    private static Pair both(Function<String, Reply> call) {
        long before = served();
        Reply lean = call.apply(LEAN);
        assertThat(served()).as("answered by the lean path").isEqualTo(before + 1);
        Reply jersey = call.apply(JERSEY);
        assertThat(served()).as("answered by Jersey").isEqualTo(before + 1);
        return new Pair(lean, jersey);
    }

    private static long served() {
        return APP.getEnvironment().metrics().meter(HotCounterRoutes.SERVED_METER).getCount();
    }

    private static Set<String> headerNames(Reply reply) {
        Set<String> names = new TreeSet<>();
        reply.headers().keySet().stream().map(String::toLowerCase).filter(n -> !VARYING.contains(n) && !n.equals(":status"))
                .forEach(names::add);
        return names;
    }

    /** The body without what differs between two counters (name, times) or two problems (error ids). */
    private static JsonNode comparable(JsonNode body) {
        if (body instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            copy.remove(java.util.List.of("name", "createdAt", "updatedAt"));
            if (copy.has("detail")) {
                copy.put("detail", copy.get("detail").asText().replaceAll("lean\\.[a-z-]+\\d*", "NAME"));
            }
            return copy;
        }
        return body;
    }
}
