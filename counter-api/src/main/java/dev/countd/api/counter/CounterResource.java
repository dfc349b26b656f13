package dev.countd.api.counter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countd.api.auth.RequiresScope;
import dev.countd.api.problem.JsonBodyException;
import dev.countd.api.problem.ProblemException;
import dev.countd.core.apikey.Scope;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.CounterOperation;
import dev.countd.core.counter.CounterPage;
import dev.countd.core.counter.CounterService;
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

/** {@code /counters}: the counter routes of DESIGN.md. Parsing and translation only; the core decides. */
@Path("/counters")
@Produces(MediaType.APPLICATION_JSON)
public class CounterResource {

    private static final int DEFAULT_PAGE_SIZE = 100;

    private final CounterService counters;
    private final ObjectMapper json;

    public CounterResource(CounterService counters, ObjectMapper json) {
        this.counters = counters;
        this.json = json;
    }

    @RequiresScope(Scope.COUNTERS_WRITE)
    @POST
    @Path("/{name}/increment")
    public Response increment(@PathParam("name") String name, @QueryParam("by") String by,
                              @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                              @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context HttpHeaders headers,
                              java.io.InputStream body, @Context SecurityContext security) {
        return step(security, name, by, ifMatch, contentType, readBody(headers, body), CounterOperation.Increment::new);
    }

    @RequiresScope(Scope.COUNTERS_WRITE)
    @POST
    @Path("/{name}/decrement")
    public Response decrement(@PathParam("name") String name, @QueryParam("by") String by,
                              @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                              @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context HttpHeaders headers,
                              java.io.InputStream body, @Context SecurityContext security) {
        return step(security, name, by, ifMatch, contentType, readBody(headers, body), CounterOperation.Decrement::new);
    }

    @RequiresScope(Scope.COUNTERS_WRITE)
    @POST
    @Path("/{name}/reset")
    public Response reset(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @Context SecurityContext security) {
        CounterId id = id(security, name);
        return CounterResults.toResponse(counters.mutate(id, new CounterOperation.Reset(), Preconditions.version(ifMatch)), 200, false);
    }

    @RequiresScope(Scope.COUNTERS_READ)
    @GET
    @Path("/{name}")
    public Response get(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                        @Context SecurityContext security) {
        Optional<Counter> counter = counters.get(id(security, name));
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
                        CounterUpdateRequest request, @Context SecurityContext security) {
        CounterId id = id(security, name);
        if (request == null) {
            throw new ProblemException(400, "malformed-json", "a JSON object with the fields to set is required");
        }
        Response response = CounterResults.toResponse(
                counters.mutate(id, new CounterOperation.Upsert(request.toPatch()), Preconditions.version(ifMatch)), 201, false);
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
        return CounterResults.toResponse(
                counters.mutate(id(security, name), new CounterOperation.Delete(), Preconditions.version(ifMatch)), 200, false);
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

    private Response step(SecurityContext security, String name, String byParam, String ifMatch, String contentType,
                          byte[] body, LongFunction<CounterOperation> operation) {
        CounterId id = id(security, name);
        long by = Amounts.resolve(byParam, body, contentType, this::readAmount);
        return CounterResults.toResponse(counters.mutate(id, operation.apply(by), Preconditions.version(ifMatch)), 200, true);
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
