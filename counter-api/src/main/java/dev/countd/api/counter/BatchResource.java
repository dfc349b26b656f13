package dev.countd.api.counter;

import dev.countd.api.auth.RequiresScope;
import dev.countd.api.idempotency.IdempotencyKeys;
import dev.countd.api.idempotency.InFlightGuard;
import dev.countd.api.metrics.OperationRecorder;
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
import java.util.Arrays;
import java.util.List;

/**
 * {@code POST /counters/_batch}: up to 1,000 operations, each atomic on its own counter, grouped
 * per counter by the core. A bad item gets its own problem; the others still run.
 */
@Path("/counters/_batch")
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    private final CounterService counters;
    private final InFlightGuard inFlight;
    private final ExtraCharge charge;
    private final OperationRecorder recorder;

    public BatchResource(CounterService counters, InFlightGuard inFlight, ExtraCharge charge) {
        this(counters, inFlight, charge, OperationRecorder.DISABLED);
    }

    /** @param recorder counts every operation of a batch in {@code counter_operations_total} */
    public BatchResource(CounterService counters, InFlightGuard inFlight, ExtraCharge charge, OperationRecorder recorder) {
        this.counters = counters;
        this.inFlight = inFlight;
        this.charge = charge;
        this.recorder = recorder;
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
                          @HeaderParam(ReturnPreference.HEADER) String prefer,
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
        boolean minimal = ReturnPreference.minimal(prefer);
        if (key == null) {
            return answer(run(namespace, request, null), minimal, false);
        }
        try (InFlightGuard.Token ignored = inFlight.enter(namespace, "batch\u0000" + key)) {
            BatchOutcome outcome = run(namespace, request, key);
            return answer(outcome, minimal, outcome.allReplayed());
        }
    }

    private static Response answer(BatchOutcome outcome, boolean minimal, boolean replayed) {
        Response.ResponseBuilder ok = Response.ok(new BatchResponse(minimal ? outcome.minimal() : outcome.full()));
        if (minimal) {
            ok.header(ReturnPreference.APPLIED_HEADER, ReturnPreference.MINIMAL);
        }
        return (replayed ? ok.header(IdempotencyKeys.REPLAYED_HEADER, "true") : ok).build();
    }

    private BatchOutcome run(String namespace, BatchRequest request, String key) {
        List<BatchRequest.Operation> operations = request.operations();
        String batchFingerprint = key == null ? null : fingerprint(operations);
        Problem[] invalid = new Problem[operations.size()];
        List<BatchItem> items = new ArrayList<>(operations.size());
        int[] positions = new int[operations.size()];
        int[] createdStatuses = new int[operations.size()];
        OperationTally tally = new OperationTally();
        for (int i = 0; i < operations.size(); i++) {
            BatchRequest.Operation operation = operations.get(i);
            try {
                CounterOperation parsed = parse(operation);
                positions[items.size()] = i;
                createdStatuses[items.size()] = parsed instanceof CounterOperation.Upsert ? 201 : 200;
                items.add(new BatchItem(new CounterId(namespace, operation.name()), parsed,
                        key == null ? null : IdempotencyKeys.batchOperationId(namespace, key, i, batchFingerprint)));
            } catch (CounterValidationException e) {
                int status = e.problem().equals("invalid-counter-name") ? 400 : 422;
                invalid[i] = Problem.of(status, e.problem(), e.getMessage());
                tally.add(kindOf(operation), "invalid");
            }
        }
        List<MutationResult> applied;
        try {
            applied = items.isEmpty() ? List.of() : counters.applyBatch(items);
        } catch (RuntimeException e) {
            for (BatchItem item : items) {
                recorder.failed(item.operation().kind(), e);
            }
            throw e;
        }
        boolean allReplayed = !applied.isEmpty();
        for (int j = 0; j < applied.size(); j++) {
            MutationResult result = applied.get(j);
            allReplayed &= result.replayed();
            tally.add(items.get(j).operation().kind(), OperationRecorder.resultOf(result));
        }
        tally.recordInto(recorder);
        return new BatchOutcome(invalid, applied, positions, createdStatuses, allReplayed);
    }

    private static String kindOf(BatchRequest.Operation operation) {
        String op = operation == null ? null : operation.op();
        if (op == null) {
            return "unknown";
        }
        return switch (op) {
            case "increment", "decrement", "reset", "delete" -> op;
            case "set" -> "upsert";
            default -> "unknown";
        };
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

    /**
     * Each position's answer: a validation problem, or the core's result of the {@code j}-th valid
     * operation ({@code positions[j]} is its place in the request).
     */
    private record BatchOutcome(Problem[] invalid, List<MutationResult> applied, int[] positions,
                                int[] createdStatuses, boolean allReplayed) {

        List<BatchResponse.Result> full() {
            BatchResponse.Result[] results = new BatchResponse.Result[invalid.length];
            for (int i = 0; i < invalid.length; i++) {
                if (invalid[i] != null) {
                    results[i] = new BatchResponse.Result(invalid[i].status(), null, invalid[i]);
                }
            }
            for (int j = 0; j < applied.size(); j++) {
                MutationResult result = applied.get(j);
                int status = CounterResults.status(result, createdStatuses[j]);
                results[positions[j]] = succeeded(result)
                        ? new BatchResponse.Result(status, CounterJson.of(result.counter(), result.clamped()), null)
                        : new BatchResponse.Result(status, null, problemOf(result));
            }
            return Arrays.asList(results);
        }

        List<BatchResponse.MinimalResult> minimal() {
            BatchResponse.MinimalResult[] results = new BatchResponse.MinimalResult[invalid.length];
            for (int i = 0; i < invalid.length; i++) {
                if (invalid[i] != null) {
                    results[i] = new BatchResponse.MinimalResult(invalid[i].status(), null, null, null, invalid[i]);
                }
            }
            for (int j = 0; j < applied.size(); j++) {
                MutationResult result = applied.get(j);
                int status = CounterResults.status(result, createdStatuses[j]);
                results[positions[j]] = succeeded(result)
                        ? new BatchResponse.MinimalResult(status, result.counter().value(), result.counter().version(),
                        result.clamped() ? Boolean.TRUE : null, null)
                        : new BatchResponse.MinimalResult(status, null, null, null, problemOf(result));
            }
            return Arrays.asList(results);
        }

        private static boolean succeeded(MutationResult result) {
            return result.outcome() == MutationOutcome.UPDATED || result.outcome() == MutationOutcome.CREATED;
        }

        private static Problem problemOf(MutationResult result) {
            return result.outcome() == MutationOutcome.DELETED ? null : CounterResults.problem(result);
        }
    }
}
