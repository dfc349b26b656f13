package dev.countd.api.history;

import dev.countd.api.counter.Tenants;
import dev.countd.api.problem.ProblemException;
import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.CounterService;
import dev.countd.core.history.HistoryService;
import dev.countd.core.history.HistoryStep;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /counters/{name}/history?from=&to=&step=1m|1h|1d&fill=previous}. Without a range: the
 * last 60 buckets of the step up to now (the last hour at the default 1m).
 */
@Path("/counters/{name}/history")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

    static final int DEFAULT_BUCKETS = 60;
    private static final long EARLIEST = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
    private static final long LATEST = Instant.parse("9999-12-31T00:00:00Z").toEpochMilli();

    private final CounterService counters;
    private final HistoryService history;
    private final Clock clock;

    /** @param history null when history is disabled: the route then answers 404 saying so */
    public HistoryResource(CounterService counters, HistoryService history, Clock clock) {
        this.counters = counters;
        this.history = history;
        this.clock = clock;
    }

    @GET
    public HistoryJson history(@PathParam("name") String name, @QueryParam("from") String from, @QueryParam("to") String to,
                               @QueryParam("step") String step, @QueryParam("fill") String fill,
                               @Context SecurityContext security) {
        CounterId id = new CounterId(Tenants.namespace(security), name);
        HistoryStep resolution = step == null || step.isEmpty() ? HistoryStep.MINUTE : HistoryStep.parse(step);
        boolean fillPrevious = fillPrevious(fill);
        long end = to == null || to.isEmpty() ? resolution.ceil(clock.millis()) : instant("to", to);
        long start = from == null || from.isEmpty() ? end - DEFAULT_BUCKETS * resolution.millis() : instant("from", from);
        if (history == null) {
            throw new ProblemException(404, "not-found", "history is disabled on this server (history.enabled: false)");
        }
        if (counters.get(id).isEmpty()) {
            throw new ProblemException(404, "counter-not-found", "counter not found");
        }
        return HistoryJson.of(history.query(id, resolution, start, end, fillPrevious));
    }

    private static boolean fillPrevious(String fill) {
        if (fill == null || fill.isEmpty()) {
            return false;
        }
        if (fill.equals("previous")) {
            return true;
        }
        throw new ProblemException(400, "invalid-parameter", "fill must be 'previous' or absent");
    }

    private static long instant(String parameter, String text) {
        long millis = parse(parameter, text);
        if (millis < EARLIEST || millis > LATEST) {
            throw new ProblemException(400, "invalid-parameter", parameter + " must lie between "
                    + Instant.ofEpochMilli(EARLIEST) + " and " + Instant.ofEpochMilli(LATEST));
        }
        return millis;
    }

    private static long parse(String parameter, String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new ProblemException(400, "invalid-parameter",
                        parameter + " must be an ISO-8601 instant such as 2026-01-05T10:00:00Z");
            }
        } catch (ArithmeticException e) {
            throw new ProblemException(400, "invalid-parameter", parameter + " is out of range");
        }
    }
}
