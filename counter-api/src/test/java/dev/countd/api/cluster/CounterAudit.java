package dev.countd.api.cluster;

import dev.countd.api.Http;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** Compares what the clients were told with what the cluster and PostgreSQL hold afterwards. */
record CounterAudit(String counter, long acknowledged, long unknown, long served, Long stored) {

    static List<String> counters(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + ".c" + i).toList();
    }

    static List<CounterAudit> of(ClusterLoad load, int port, PostgresSchema schema) throws SQLException {
        Http http = Http.local(port);
        List<CounterAudit> audits = new ArrayList<>();
        for (String counter : load.acknowledged.keySet().stream().sorted().toList()) {
            Http.Reply reply = http.get("/counters/" + counter).send();
            long served = reply.status() == 404 ? 0 : reply.json().get("value").asLong();
            if (reply.status() != 200 && reply.status() != 404) {
                throw new AssertionError("reading " + counter + " answered " + reply.status() + ": " + reply.body());
            }
            audits.add(new CounterAudit(counter, load.acknowledged.get(counter).sum(), load.unknown.get(counter).sum(),
                    served, schema.storedValue("default", counter)));
        }
        return audits;
    }

    /** No acknowledged increment missing. */
    boolean nothingLost() {
        return served >= acknowledged;
    }

    /** Not more than every request that may have reached a node: nothing applied twice. */
    boolean nothingDoubled() {
        return served <= acknowledged + unknown;
    }

    /**
     * PostgreSQL holds every acknowledged increment and nothing doubled. It may differ from the
     * served value by an unknown-outcome increment: a killed owner can store a change and die
     * before its backup has it; the survivors then serve the older value until the next change
     * of that counter overwrites the row.
     */
    boolean persisted() {
        return stored != null && stored >= acknowledged && stored <= acknowledged + unknown;
    }
}
