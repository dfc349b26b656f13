package dev.countd.loadtest;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * {@code POST /counters/_batch}: each request increments {@code batchSize} (default 100, at most 1,000)
 * counters chosen at random among {@code counters}; every item answered 200 counts as acknowledged.
 */
public class Batch extends CountdSimulation {

    static final String NAME = "batch";
    static final int BATCH_SIZE = LoadParams.number("batchSize", 100);
    static final String[] COUNTERS = IntStream.range(0, LoadParams.COUNTERS)
            .mapToObj(i -> LoadParams.counterName(NAME, i)).toArray(String[]::new);
    static final Tally TALLY = new Tally();

    static final HttpProtocolBuilder PROTOCOL = Load.protocol(true);
    static final ChainBuilder SEND = exec(Batch::compose)
            .exec(http("batch").post("/counters/_batch").body(StringBody("#{body}")).asJson()
                    .check(status().is(200),
                            jsonPath("$.results[*].status").ofInt().findAll().transformWithSession(Batch::tally)));
    static final ScenarioBuilder SCENARIO = Load.scenarioOf("batch of " + BATCH_SIZE, SEND);

    {
        setUp(Load.injected(SCENARIO)).protocols(PROTOCOL).assertions(Load.assertions());
    }

    private static Session compose(Session session) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String[] names = new String[BATCH_SIZE];
        StringBuilder body = new StringBuilder(BATCH_SIZE * 64).append("{\"operations\":[");
        for (int i = 0; i < BATCH_SIZE; i++) {
            names[i] = COUNTERS[random.nextInt(COUNTERS.length)];
            body.append(i == 0 ? "" : ",").append("{\"op\":\"increment\",\"name\":\"").append(names[i]).append("\"}");
        }
        return session.set("names", names).set("body", body.append("]}").toString());
    }

    private static List<Integer> tally(List<Integer> statuses, Session session) {
        String[] names = session.get("names");
        for (int i = 0; i < statuses.size(); i++) {
            if (statuses.get(i) == 200) {
                TALLY.add(names[i], 1);
            }
        }
        return statuses;
    }

    @Override
    protected void check() {
        TALLY.verify(api, LoadParams.prefix(NAME));
    }
}
