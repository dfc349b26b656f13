package dev.countd.api.counter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countd.api.auth.RequiresScope;
import dev.countd.api.idempotency.IdempotencyKeys;
import dev.countd.api.idempotency.InFlightGuard;
import dev.countd.api.metrics.OperationRecorder;
import dev.countd.api.problem.JsonBodyException;
import dev.countd.api.problem.ProblemException;
import dev.countd.core.apikey.Scope;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.CounterOperation;
import dev.countd.core.counter.CounterPage;
import dev.countd.core.counter.CounterService;
import dev.countd.core.counter.MutationResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/** {@code /counters}: the counter routes of DESIGN.md. Parsing and translation only; the core decides. */
@Path("/counters")
@Produces(MediaType.APPLICATION_JSON)
public class CounterResource {

    private static final int DEFAULT_PAGE_SIZE = 100;

    private final CounterService counters;
    private final ObjectMapper json;
    private final InFlightGuard inFlight;
    private final OperationRecorder recorder;

    public CounterResource(CounterService counters, ObjectMapper json, InFlightGuard inFlight, OperationRecorder recorder) {
        this.counters = counters;
        this.json = json;
        this.inFlight = inFlight;
        this.recorder = recorder;
    }

    @RequiresScope(Scope.COUNTERS_WRITE)
    @POST
    @Path("/{name}/increment")
    public Response increment(@PathParam("name") String name, @QueryParam("by") String by,
                              @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                              @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                              @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context HttpHeaders headers,
                              java.io.InputStream body, @Context SecurityContext security) {
        return step(security, name, by, ifMatch, idempotencyKey, contentType, readBody(headers, body), CounterOperation.Increment::new);
    }

    @RequiresScope(Scope.COUNTERS_WRITE)
    @POST
    @Path("/{name}/decrement")
    public Response decrement(@PathParam("name") String name, @QueryParam("by") String by,
                              @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                              @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                              @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context HttpHeaders headers,
                              java.io.InputStream body, @Context SecurityContext security) {
        return step(security, name, by, ifMatch, idempotencyKey, contentType, readBody(headers, body), CounterOperation.Decrement::new);
    }

    @RequiresScope(Scope.COUNTERS_WRITE)
    @POST
    @Path("/{name}/reset")
    public Response reset(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                          @Context SecurityContext security) {
        CounterId id = recordedFailures("reset", () -> id(security, name));
        Long expected = recordedFailures("reset", () -> Preconditions.version(ifMatch));
        return execute(id, new CounterOperation.Reset(), expected, idempotencyKey,
                "POST reset " + id.name() + " if-match=" + expected, 200, false);
    }

    @RequiresScope(Scope.COUNTERS_READ)
    @GET
    @Path("/{name}")
    public Response get(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                        @Context SecurityContext security) {
        Optional<Counter> counter = recordedFailures("get", () -> counters.get(id(security, name)));
        recorder.record("get", counter.isPresent() ? "ok" : "not_found");
        if (counter.isEmpty()) {
            return CounterResults.notFound();
        }
        EntityTag tag = CounterResults.etag(counter.get().version());
        if (Preconditions.matchesAny(ifNoneMatch, counter.get().version())) {
            return Response.notModified(tag).build();
        }
        return Response.ok(CounterJson.of(counter.get())).tag(tag).build();
    }

    @RequiresScope(Scope.COUNTERS_WRITE)
    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                        @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                        CounterUpdateRequest request, @Context SecurityContext security) {
        CounterId id = recordedFailures("upsert", () -> id(security, name));
        Long expected = recordedFailures("upsert", () -> {
            if (request == null) {
                throw new ProblemException(400, "malformed-json", "a JSON object with the fields to set is required");
            }
            return Preconditions.version(ifMatch);
        });
        Response response = execute(id, new CounterOperation.Upsert(request.toPatch()), expected, idempotencyKey,
                "PUT " + id.name() + " if-match=" + expected + " " + request.fingerprint(), 201, false);
        if (response.getStatus() == 201) {
            return Response.fromResponse(response).location(java.net.URI.create("/counters/" + id.name())).build();
        }
        return response;
    }

    @RequiresScope(Scope.COUNTERS_WRITE)
    @DELETE
    @Path("/{name}")
    public Response delete(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Context SecurityContext security) {
        return CounterResults.toResponse(recorded("delete", () ->
                counters.mutate(id(security, name), new CounterOperation.Delete(), Preconditions.version(ifMatch))), 200, false);
    }

    @RequiresScope(Scope.COUNTERS_READ)
    @GET
    public CounterPageJson list(@QueryParam("prefix") String prefix, @QueryParam("limit") String limit,
                                @QueryParam("cursor") String cursor, @Context SecurityContext security) {
        int pageSize = DEFAULT_PAGE_SIZE;
        if (limit != null) {
            try {
                pageSize = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw new ProblemException(400, "invalid-parameter",
                        "limit must be an integer between 1 and " + CounterService.MAX_PAGE_SIZE);
            }
        }
        CounterPage page = counters.list(Tenants.namespace(security), prefix, pageSize,
                cursor == null || cursor.isEmpty() ? null : cursor);
        return new CounterPageJson(page.items().stream().map(CounterJson::of).toList(), page.nextCursor());
    }

    private Response step(SecurityContext security, String name, String byParam, String ifMatch, String idempotencyKey,
                          String contentType, byte[] body, LongFunction<CounterOperation> operation) {
        CounterOperation kind = operation.apply(1);
        CounterId id = recordedFailures(kind.kind(), () -> id(security, name));
        long by = recordedFailures(kind.kind(), () -> Amounts.resolve(byParam, body, contentType, this::readAmount));
        Long expected = recordedFailures(kind.kind(), () -> Preconditions.version(ifMatch));
        CounterOperation op = recordedFailures(kind.kind(), () -> operation.apply(by));
        return execute(id, op, expected, idempotencyKey,
                "POST " + op.kind() + " " + id.name() + " by=" + by + " if-match=" + expected, 200, true);
    }

    /** Applies one operation, exactly once per Idempotency-Key when the client sends one. */
    private Response execute(CounterId id, CounterOperation operation, Long expected, String idempotencyHeader,
                             String fingerprint, int createdStatus, boolean showClamped) {
        String kind = operation.kind();
        String key = recordedFailures(kind, () -> IdempotencyKeys.parse(idempotencyHeader));
        if (key == null) {
            return CounterResults.toResponse(recorded(kind, () -> counters.mutate(id, operation, expected)),
                    createdStatus, showClamped);
        }
        try (InFlightGuard.Token ignored = recordedFailures(kind, () -> inFlight.enter(id.namespace(), key))) {
            return CounterResults.toResponse(recorded(kind, () -> counters.mutate(id, operation, expected,
                    IdempotencyKeys.operationId(id.namespace(), key, fingerprint))), createdStatus, showClamped);
        }
    }

    /** Runs one counter call and records its outcome in {@code counter_operations_total}. */
    private MutationResult recorded(String kind, Supplier<MutationResult> call) {
        MutationResult result = recordedFailures(kind, call);
        recorder.record(kind, result);
        return result;
    }

    private <T> T recordedFailures(String kind, Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            recorder.failed(kind, e);
            throw e;
        }
    }

    /**
     * Reads the optional body only when the request announces one: reading an absent body would
     * trip Jetty's minimum-data-rate guard.
     */
    private static byte[] readBody(HttpHeaders headers, java.io.InputStream body) {
        String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        boolean chunked = headers.getHeaderString("Transfer-Encoding") != null;
        if (!chunked && (length == null || length.trim().equals("0"))) {
            return new byte[0];
        }
        try {
            return body.readAllBytes();
        } catch (dev.countd.api.problem.BodyTooLargeException e) {
            throw new ProblemException(413, "payload-too-large", e.getMessage());
        } catch (java.io.IOException e) {
            throw new ProblemException(400, "malformed-json", "request body could not be read");
        }
    }

    private AmountBody readAmount(byte[] body) {
        try {
            return json.readValue(body, AmountBody.class);
        } catch (JsonProcessingException e) {
            throw new JsonBodyException(e);
        } catch (java.io.IOException e) {
            throw new ProblemException(400, "malformed-json", "request body could not be read");
        }
    }

    private static CounterId id(SecurityContext security, String name) {
        return new CounterId(Tenants.namespace(security), name);
    }
}
