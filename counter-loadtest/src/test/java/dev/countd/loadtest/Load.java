package dev.countd.loadtest;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.function.Function;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/** The pieces every simulation shares: protocol, load model, assertions and the acknowledged-increment check. */
final class Load {

    private Load() {
    }

    /** Protocol to {@code baseUrl}; {@code withKey} sends {@code apiKey}. No warm-up request, no cache. */
    static HttpProtocolBuilder protocol(boolean withKey) {
        HttpProtocolBuilder protocol = http.baseUrl(LoadParams.BASE_URL)
                .acceptHeader("application/json")
                .disableWarmUp()
                .disableCaching();
        if (withKey) {
            protocol = protocol.authorizationHeader("Bearer " + LoadParams.API_KEY);
        }
        // Open model: one request per virtual user, so users share a connection pool.
        return LoadParams.RATE > 0 ? protocol.shareConnections() : protocol;
    }

    /** Closed model: {@code users} loop {@code step} for {@code duration}; open model: one step per arrival. */
    static ScenarioBuilder scenarioOf(String name, ChainBuilder step) {
        return LoadParams.RATE > 0 ? scenario(name).exec(step) : scenario(name).during(LoadParams.DURATION).on(step);
    }

    static PopulationBuilder injected(ScenarioBuilder scenario) {
        return LoadParams.RATE > 0
                ? scenario.injectOpen(constantUsersPerSec(LoadParams.RATE).during(LoadParams.DURATION))
                : scenario.injectOpen(atOnceUsers(LoadParams.USERS));
    }

    /** Success rate at least {@code minSuccessPct}, p99 under {@code p99Ms}. */
    static Assertion[] assertions() {
        return new Assertion[] {
            global().successfulRequests().percent().gte(LoadParams.MIN_SUCCESS_PCT),
            global().responseTime().percentile(99.0).lt(LoadParams.P99_MS)
        };
    }

    /** Status 200, and every 200 counted as {@code amount} acknowledged on the session's counter. */
    static CheckBuilder acknowledged(Tally tally, Function<Session, String> counter, long amount) {
        return status().transformWithSession((code, session) -> {
            if (code == 200) {
                tally.add(counter.apply(session), amount);
            }
            return code;
        }).is(200);
    }
}
