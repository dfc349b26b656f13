package dev.countd.core.counter;

import com.hazelcast.core.HazelcastException;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.impl.operationexecutor.impl.PartitionOperationThread;
import com.hazelcast.partition.PartitionService;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The counter operations the edges call. Every mutation is one entry processor on the key's
 * partition owner; reads go straight to the map. Thread-safe.
 */
public final class CounterService {

    public static final int MAX_PAGE_SIZE = 1000;

    public static final int MAX_BATCH_SIZE = 1000;

    /** How many counters of one batch are in flight at once: bounds the invocations one batch holds. */
    static final int BATCH_WINDOW = 128;

    private final IMap<String, Counter> counters;
    private final CounterDefaults defaults;
    private final boolean autoCreate;
    private final IdempotencyPolicy idempotency;
    private final CounterWriteGuard writeGuard;

    public CounterService(IMap<String, Counter> counters, CounterDefaults defaults, boolean autoCreate) {
        this(counters, defaults, autoCreate, IdempotencyPolicy.STANDARD, null, CounterWriteGuard.OPEN);
    }

    /**
     * @param partitions not used any more (batches are sent per counter, see {@link #applyBatch}); kept
     *                   so callers need not change
     * @param writeGuard refuses writes on the minority side of a split (see {@link CounterWriteGuard})
     */
    public CounterService(IMap<String, Counter> counters, CounterDefaults defaults, boolean autoCreate,
                          IdempotencyPolicy idempotency, PartitionService partitions, CounterWriteGuard writeGuard) {
        this.counters = counters;
        this.defaults = defaults;
        this.autoCreate = autoCreate;
        this.idempotency = idempotency;
        this.writeGuard = writeGuard;
    }

    /** Applies one operation with a server-generated operation id (safe against re-execution after failover). */
    public MutationResult mutate(CounterId id, CounterOperation operation, Long expectedVersion) {
        return mutate(id, operation, expectedVersion, null);
    }

    /** @param operationId the client's idempotency identity, or null to generate a server one */
    public MutationResult mutate(CounterId id, CounterOperation operation, Long expectedVersion, OperationId operationId) {
        writeGuard.ensureWritable();
        return counters.executeOnKey(id.key(), processor(operation, expectedVersion, operationId));
    }

    /**
     * {@link #mutate} with a server-generated operation id, without a thread waiting for it. The stage
     * completes when the synchronous call would return (after the sync backups acknowledged), on the thread
     * that completes Hazelcast's invocation: often the partition thread, so what is chained to it must not
     * block. A refused write (the minority side of a split) throws here, before anything is sent.
     */
    public CompletionStage<MutationResult> mutateAsync(CounterId id, CounterOperation operation) {
        writeGuard.ensureWritable();
        return DirectSubmit.submit(counters, id.key(), processor(operation, null, null));
    }

    /**
     * Whether the calling thread is one of this member's partition threads: where {@link #mutateAsync} usually
     * completes on a lone member, and where nothing may block.
     */
    public static boolean onPartitionThread() {
        return Thread.currentThread() instanceof PartitionOperationThread;
    }

    /**
     * Applies many operations: those on one counter are applied in request order in one
     * entry-processor execution for that counter ({@link BatchMutationProcessor}); each is decided
     * and answered on its own. Results come back in request order.
     *
     * <p>One single-key invocation per counter, the same as {@code executeOnKey}'s (it answers only after the
     * backup holds the decided state), sent without waiting for the one before ({@link DirectSubmit}), in
     * blocks of {@value #BATCH_WINDOW} counters: the partition threads work on a block's counters side by side
     * and the caller waits once per block, instead of once per counter. Not {@code submitToKeys}: Hazelcast's
     * multi-key calls answer before their sync backups are acknowledged (an acknowledged batch could be lost
     * with its owner). The operations on different counters are not ordered among themselves (a batch is not
     * a transaction). When a counter's invocation fails, the counters already sent still run to their end and
     * none is sent once the failure is seen (at the latest at the end of its block); then the first failure in
     * request order is thrown (the exception {@code executeOnKey} would have thrown, without its caller's frames).
     */
    public List<MutationResult> applyBatch(List<BatchItem> items) {
        if (items.size() > MAX_BATCH_SIZE) {
            throw new CounterValidationException("invalid-batch", "a batch holds at most " + MAX_BATCH_SIZE
                    + " operations; got " + items.size());
        }
        writeGuard.ensureWritable();
        // grouped by CounterId (its hash is the names' cached hashes), so the key string is built once per counter
        Map<CounterId, List<MutationRequest>> requestsById = new java.util.LinkedHashMap<>();
        Map<CounterId, List<Integer>> positionsById = new java.util.HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            requestsById.computeIfAbsent(item.id(), k -> new ArrayList<>()).add(request(item.operation(), null, item.operationId()));
            positionsById.computeIfAbsent(item.id(), k -> new ArrayList<>()).add(i);
        }
        MutationResult[] ordered = new MutationResult[items.size()];
        List<CompletableFuture<BatchResults>> sent = new ArrayList<>(requestsById.size());
        try {
            for (Map.Entry<CounterId, List<MutationRequest>> group : requestsById.entrySet()) {
                if (sent.size() % BATCH_WINDOW == 0 && !sent.isEmpty()
                        && !awaitAll(sent.subList(sent.size() - BATCH_WINDOW, sent.size()))) {
                    break; // a counter failed: send no more
                }
                sent.add(send(group.getKey(), group.getValue(), positionsById.get(group.getKey()), ordered));
                if (sent.get(sent.size() - 1).isCompletedExceptionally()) {
                    break;
                }
            }
        } finally {
            awaitAll(sent); // whatever was sent runs to its end before the caller hears of a failure
        }
        for (CompletableFuture<BatchResults> one : sent) {
            if (one.isCompletedExceptionally()) {
                throw asThrown(one);
            }
        }
        return java.util.Arrays.asList(ordered);
    }

    /** One counter's group; its results land in their slots on the completing thread, read after {@link #awaitAll}. */
    private CompletableFuture<BatchResults> send(CounterId id, List<MutationRequest> requests, List<Integer> positions,
                                                 MutationResult[] ordered) {
        String key = id.key();
        try {
            return DirectSubmit.submit(counters, key, new BatchMutationProcessor(Map.of(key, requests)))
                    .whenComplete((results, failure) -> {
                        if (failure == null) {
                            for (int j = 0; j < results.size(); j++) {
                                ordered[positions.get(j)] = results.result(j);
                            }
                        }
                    }).toCompletableFuture();
        } catch (RuntimeException e) { // refused before it was sent (the member is shutting down, say)
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Waits until every one has ended; whether all succeeded. */
    private static boolean awaitAll(List<CompletableFuture<BatchResults>> sent) {
        try {
            CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])).join();
            return true;
        } catch (CompletionException | CancellationException e) {
            return false; // reported in request order by applyBatch once every one sent has ended
        }
    }

    /** The failure of a stage that completed exceptionally, as the synchronous call would have thrown it. */
    private static RuntimeException asThrown(CompletableFuture<?> failed) {
        Throwable failure = failed.handle((result, e) -> e).join();
        if (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new HazelcastException(failure);
    }

    public MutationResult increment(CounterId id, long by) {
        return mutate(id, new CounterOperation.Increment(by), null);
    }

    public MutationResult decrement(CounterId id, long by) {
        return mutate(id, new CounterOperation.Decrement(by), null);
    }

    public Optional<Counter> get(CounterId id) {
        return Optional.ofNullable(Counter.identified(id, counters.get(id.key())));
    }

    /**
     * One page of a namespace's counters whose names start with {@code prefix}, in name order.
     *
     * @param cursor the {@code nextCursor} of the previous page, or null for the first
     */
    public CounterPage list(String namespace, String prefix, int limit, String cursor) {
        CounterId.requireValidNamespace(namespace);
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new CounterValidationException("invalid-parameter",
                    "limit must be between 1 and " + MAX_PAGE_SIZE + "; got " + limit);
        }
        String safePrefix = prefix == null ? "" : prefix;
        if (!safePrefix.isEmpty() && !safePrefix.chars().allMatch(CounterService::isNameChar)) {
            throw new CounterValidationException("invalid-parameter",
                    "prefix may contain only the characters of counter names: letters, digits, '.', ':' and '-'");
        }
        String base = namespace + CounterId.KEY_SEPARATOR;
        String after = cursor == null ? null : base + decodeCursor(cursor);
        // a scan of the keys on every member, each returning at most limit + 1 (no per-counter index: see NamePage)
        List<String> keys = counters.aggregate(new NamePage(base + safePrefix, after, limit + 1));
        boolean more = keys.size() > limit;
        List<String> pageKeys = more ? keys.subList(0, limit) : keys;
        Map<String, Counter> found = counters.getAll(new java.util.HashSet<>(pageKeys));
        List<Counter> items = new ArrayList<>(pageKeys.size());
        for (String key : pageKeys) {
            Counter counter = found.get(key);
            if (counter != null) {
                items.add(Counter.identified(key, counter));
            }
        }
        String next = more ? encodeCursor(CounterId.fromKey(pageKeys.get(pageKeys.size() - 1)).name()) : null;
        return new CounterPage(items, next);
    }

    private CounterMutationProcessor processor(CounterOperation operation, Long expectedVersion, OperationId operationId) {
        return new CounterMutationProcessor(request(operation, expectedVersion, operationId));
    }

    private MutationRequest request(CounterOperation operation, Long expectedVersion, OperationId operationId) {
        OperationId id = operationId != null ? operationId
                : new OperationId(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 0, false);
        return new MutationRequest(operation, expectedVersion, autoCreate, defaults, id, idempotency);
    }

    private static boolean isNameChar(int c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == ':' || c == '-');
    }

    static String encodeCursor(String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    static String decodeCursor(String cursor) {
        try {
            String name = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            CounterId.requireValidName(name);
            return name;
        } catch (IllegalArgumentException e) {
            throw new CounterValidationException("invalid-parameter", "cursor is not one this service issued");
        }
    }
}
