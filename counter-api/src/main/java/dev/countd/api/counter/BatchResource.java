package dev.countd.api.counter;

import dev.countd.api.auth.RequiresScope;
import dev.countd.api.idempotency.IdempotencyKeys;
import dev.countd.api.idempotency.InFlightGuard;
import dev.countd.api.problem.Problem;
import dev.countd.api.problem.ProblemException;
import dev.countd.core.apikey.Scope;
import dev.countd.core.counter.BatchItem;
import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.CounterOperation;
import dev.countd.core.counter.CounterPatch;
import dev.countd.core.counter.CounterService;
import dev.countd.core.counter.CounterValidationException;
import dev.countd.core.counter.MutationOutcome;
import dev.countd.core.counter.MutationResult;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /counters/_batch}: up to 1,000 operations, each atomic on its own counter, grouped
 * per partition by the core. A bad item gets its own problem; the others still run.
 */
@Path("/counters/_batch")
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    private final CounterService counters;
    private final InFlightGuard inFlight;
    private final ExtraCharge charge;

    public BatchResource(CounterService counters, InFlightGuard inFlight, ExtraCharge charge) {
        this.counters = counters;
        this.inFlight = inFlight;
        this.charge = charge;
    }

    /** Charges the rest of a batch's tokens after the rate-limit filter took one; null when granted. */
    @FunctionalInterface
    public interface ExtraCharge {
        Response refusal(ContainerRequestContext request, long tokens);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.COUNTERS_WRITE)
    public Response apply(BatchRequest request, @HeaderParam(IdempotencyKeys.HEADER) String idempotencyHeader,
                          @Context SecurityContext security, @Context ContainerRequestContext context) {
        if (request == null || request.operations() == null || request.operations().isEmpty()) {
            throw new ProblemException(422, "invalid-batch", "'operations' must list 1 to "
                    + CounterService.MAX_BATCH_SIZE + " operations");
        }
        if (request.operations().size() > CounterService.MAX_BATCH_SIZE) {
            throw new ProblemException(422, "invalid-batch", "a batch holds at most " + CounterService.MAX_BATCH_SIZE
                    + " operations; got " + request.operations().size());
        }
        Response refused = charge.refusal(context, request.operations().size() - 1L);
        if (refused != null) {
            return refused;
        }
        String namespace = Tenants.namespace(security);
        String key = IdempotencyKeys.parse(idempotencyHeader);
        if (key == null) {
            return Response.ok(run(namespace, request, null).response()).build();
        }
        try (InFlightGuard.Token ignored = inFlight.enter(namespace, "batch\u0000" + key)) {
            BatchOutcome outcome = run(namespace, request, key);
            Response.ResponseBuilder ok = Response.ok(outcome.response());
            return (outcome.allReplayed() ? ok.header(IdempotencyKeys.REPLAYED_HEADER, "true") : ok).build();
        }
    }

    private BatchOutcome run(String namespace, BatchRequest request, String key) {
        List<BatchRequest.Operation> operations = request.operations();
        String batchFingerprint = key == null ? null : fingerprint(operations);
        BatchResponse.Result[] results = new BatchResponse.Result[operations.size()];
        List<BatchItem> items = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<Integer> createdStatuses = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            BatchRequest.Operation operation = operations.get(i);
            try {
                CounterOperation parsed = parse(operation);
                items.add(new BatchItem(new CounterId(namespace, operation.name()), parsed,
                        key == null ? null : IdempotencyKeys.batchOperationId(namespace, key, i, batchFingerprint)));
                positions.add(i);
                createdStatuses.add(parsed instanceof CounterOperation.Upsert ? 201 : 200);
            } catch (CounterValidationException invalid) {
                int status = invalid.problem().equals("invalid-counter-name") ? 400 : 422;
                results[i] = new BatchResponse.Result(status, null, Problem.of(status, invalid.problem(), invalid.getMessage()));
            }
        }
        List<MutationResult> applied = items.isEmpty() ? List.of() : counters.applyBatch(items);
        boolean allReplayed = !applied.isEmpty();
        for (int j = 0; j < applied.size(); j++) {
            MutationResult result = applied.get(j);
            allReplayed &= result.replayed();
            int status = CounterResults.status(result, createdStatuses.get(j));
            boolean success = result.outcome() == MutationOutcome.UPDATED || result.outcome() == MutationOutcome.CREATED;
            results[positions.get(j)] = success
                    ? new BatchResponse.Result(status, CounterJson.of(result.counter(), result.clamped()), null)
                    : new BatchResponse.Result(status, null, result.outcome() == MutationOutcome.DELETED ? null
                    : CounterResults.problem(result));
        }
        return new BatchOutcome(new BatchResponse(List.of(results)), allReplayed);
    }

    private static CounterOperation parse(BatchRequest.Operation operation) {
        if (operation == null || operation.op() == null) {
            throw new CounterValidationException("invalid-field", "each operation needs 'op': increment, decrement, set, reset or delete");
        }
        CounterId.requireValidName(operation.name());
        return switch (operation.op()) {
            case "increment" -> new CounterOperation.Increment(operation.by() == null ? 1 : operation.by());
            case "decrement" -> new CounterOperation.Decrement(operation.by() == null ? 1 : operation.by());
            case "reset" -> new CounterOperation.Reset();
            case "delete" -> new CounterOperation.Delete();
            case "set" -> {
                if (operation.value() == null) {
                    throw new CounterValidationException("invalid-field", "'set' needs a 'value'");
                }
                yield new CounterOperation.Upsert(CounterPatch.setValue(operation.value()));
            }
            default -> throw new CounterValidationException("invalid-field", "unknown op '" + operation.op()
                    + "'; use increment, decrement, set, reset or delete");
        };
    }

    private static String fingerprint(List<BatchRequest.Operation> operations) {
        StringBuilder text = new StringBuilder("POST _batch");
        for (BatchRequest.Operation operation : operations) {
            text.append('\n').append(operation == null ? "null" : operation.fingerprint());
        }
        return text.toString();
    }

    private record BatchOutcome(BatchResponse response, boolean allReplayed) {
    }
}
