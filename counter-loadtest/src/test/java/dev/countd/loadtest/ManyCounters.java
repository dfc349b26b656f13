package dev.countd.loadtest;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;

/** Each request increments one of {@code counters} (default 10,000) counters chosen at random. */
public class ManyCounters extends CountdSimulation {

    static final String NAME = "many";
    static final String[] COUNTERS = IntStream.range(0, LoadParams.COUNTERS)
            .mapToObj(i -> LoadParams.counterName(NAME, i)).toArray(String[]::new);
    static final Tally TALLY = new Tally();

    static final HttpProtocolBuilder PROTOCOL = Load.protocol(true);
    static final ChainBuilder INCREMENT = exec(session -> session.set("counter", pick()))
            .exec(http("increment").post("/counters/#{counter}/increment")
                    .check(Load.acknowledged(TALLY, session -> session.getString("counter"), 1)));
    static final ScenarioBuilder SCENARIO = Load.scenarioOf("many counters", INCREMENT);

    {
        setUp(Load.injected(SCENARIO)).protocols(PROTOCOL).assertions(Load.assertions());
    }

    static String pick() {
        return COUNTERS[ThreadLocalRandom.current().nextInt(COUNTERS.length)];
    }

    @Override
    protected void check() {
        TALLY.verify(api, LoadParams.prefix(NAME));
    }
}
