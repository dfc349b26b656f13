package dev.countd.loadtest;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;

/** Every request increments the same counter: the worst case for one partition owner. */
public class HotCounter extends CountdSimulation {

    static final String NAME = "hot";
    static final String COUNTER = LoadParams.counterName(NAME, 0);
    static final Tally TALLY = new Tally();

    static final HttpProtocolBuilder PROTOCOL = Load.protocol(true);
    static final ChainBuilder INCREMENT = exec(http("increment").post("/counters/" + COUNTER + "/increment")
            .check(Load.acknowledged(TALLY, session -> COUNTER, 1)));
    static final ScenarioBuilder SCENARIO = Load.scenarioOf("hot counter", INCREMENT);

    {
        setUp(Load.injected(SCENARIO)).protocols(PROTOCOL).assertions(Load.assertions());
    }

    @Override
    protected void check() {
        TALLY.verify(api, LoadParams.prefix(NAME));
    }
}
