package dev.countd.loadtest;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/** 90% reads, 10% increments over {@code counters} counters created (at 0) before the run. */
public class MixedReadWrite extends CountdSimulation {

    static final String NAME = "mixed";
    static final String[] COUNTERS = IntStream.range(0, LoadParams.COUNTERS)
            .mapToObj(i -> LoadParams.counterName(NAME, i)).toArray(String[]::new);
    static final Tally TALLY = new Tally();

    static final HttpProtocolBuilder PROTOCOL = Load.protocol(true);
    static final ChainBuilder READ = exec(http("read").get("/counters/#{counter}")
            .check(status().is(200), jsonPath("$.value").ofLong().exists()));
    static final ChainBuilder WRITE = exec(http("increment").post("/counters/#{counter}/increment")
            .check(Load.acknowledged(TALLY, session -> session.getString("counter"), 1)));
    static final ChainBuilder STEP = exec(session -> session.set("counter",
            COUNTERS[ThreadLocalRandom.current().nextInt(COUNTERS.length)]))
            .exec(randomSwitch().on(percent(90.0).then(READ), percent(10.0).then(WRITE)));
    static final ScenarioBuilder SCENARIO = Load.scenarioOf("mixed read/write", STEP);

    {
        setUp(Load.injected(SCENARIO)).protocols(PROTOCOL).assertions(Load.assertions());
    }

    /** Creates every counter at 0 in batches of 1,000, so reads find them. */
    @Override
    protected void prepare() {
        for (int from = 0; from < COUNTERS.length; from += 1000) {
            List<Map<String, Object>> operations = new ArrayList<>();
            for (int i = from; i < Math.min(from + 1000, COUNTERS.length); i++) {
                operations.add(Map.of("op", "set", "name", COUNTERS[i], "value", 0));
            }
            api.post("/counters/_batch", Map.of("operations", operations)).expect(200, "creating the counters");
        }
    }

    @Override
    protected void check() {
        TALLY.verify(api, LoadParams.prefix(NAME));
    }
}
