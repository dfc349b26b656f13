package dev.countd.api.counter;

import com.codahale.metrics.Meter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.countd.api.auth.ApiKeyAuthFilter;
import dev.countd.api.auth.ScopeFilter;
import dev.countd.api.http.CompletedRequest;
import dev.countd.api.idempotency.IdempotencyKeys;
import dev.countd.api.metrics.OperationRecorder;
import dev.countd.api.problem.ExceptionResponses;
import dev.countd.api.problem.Problem;
import dev.countd.api.ratelimit.RateDecision;
import dev.countd.api.ratelimit.RateLimitFilter;
import dev.countd.api.ratelimit.RateLimitHeaders;
import dev.countd.core.apikey.ApiKey;
import dev.countd.core.apikey.Scope;
import dev.countd.core.counter.CounterId;
import dev.countd.core.counter.CounterOperation;
import dev.countd.core.counter.CounterService;
import dev.countd.core.counter.MutationResult;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The lean path for the hottest routes: a plain {@code POST /counters/{name}/increment} or
 * {@code /decrement} (no body, no If-Match, no Idempotency-Key, at most {@code ?by=n}) is served
 * by this Jetty handler in front of the servlets and Jersey, which cost most of a request's CPU
 * otherwise. It uses the same pieces as the Jersey route: the key check ({@link ApiKeyAuthFilter#check}),
 * the rate limit ({@link RateLimitFilter#charge}), the scope refusal, the core call and its
 * translation ({@link CounterResults}), the exception mappers ({@link ExceptionResponses}), the
 * operation metrics and the request sinks (latency histogram, request log) under the same route
 * template, and the drain's {@code Connection: close}. Any other request, including every unusual
 * form of these (an encoded name, other query parameters, an Accept that may not take JSON), goes on
 * to the servlets unchanged.
 *
 * <p>No thread waits for the counter: the request thread checks the key and the limit, submits the
 * entry processor and returns. A plain answer completed on the partition thread is written there:
 * Jetty's core write never blocks its caller (a full socket buffer finishes from the selector), and
 * Jetty hands the connection's next request to its own pool. That saves the request thread's park and
 * wake-up per increment. Failures (their mappers log) and answers completed on any other Hazelcast
 * thread (a response thread serves all the member's answers) are written by Jetty's pool instead.
 */
public final class HotCounterRoutes extends Handler.Wrapper {

    /** Dropwizard meter of the requests this handler answered. */
    public static final String SERVED_METER = "countd.lean-routes.served";
    static final String PREFIX = "/counters/";
    private static final Logger LOG = LoggerFactory.getLogger(HotCounterRoutes.class);
    private static final byte[] NO_BODY = new byte[0];

    private final ApiKeyAuthFilter authentication;
    private final RateLimitFilter rateLimit;
    private final CounterService counters;
    private final OperationRecorder recorder;
    private final Consumer<CompletedRequest> completed;
    private final ObjectMapper json;
    /** The same mapper's writer for a counter, for what {@link CounterJsonBytes} leaves to it (Jersey's bytes are the same). */
    private final ObjectWriter counterJson;
    private final Meter served;
    private final BooleanSupplier draining;
    private final int inFlightLimit;
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param rateLimit null when rate limits are off
     * @param draining  true while the node drains: answers then carry {@code Connection: close}, as the
     *                  drain's servlet filter adds to every other answer
     * @param inFlightLimit how many increments may wait for their counters without a request thread waiting too
     *                      (the server's request threads: the bound there was when every request thread waited)
     */
    public HotCounterRoutes(ApiKeyAuthFilter authentication, RateLimitFilter rateLimit, CounterService counters,
                            OperationRecorder recorder, List<Consumer<CompletedRequest>> completed, ObjectMapper json,
                            Meter served, BooleanSupplier draining, int inFlightLimit) {
        this.authentication = authentication;
        this.rateLimit = rateLimit;
        this.counters = counters;
        this.recorder = recorder;
        List<Consumer<CompletedRequest>> sinks = List.copyOf(completed);
        this.completed = request -> sinks.forEach(sink -> sink.accept(request));
        this.json = json;
        this.counterJson = json.writerFor(CounterJson.class);
        this.served = served;
        this.draining = draining;
        this.inFlightLimit = inFlightLimit;
    }

    /** A request this handler serves: which step, on which counter name, with which raw {@code by}. */
    record Step(Kind kind, String name, String by) {
    }

    enum Kind {
        INCREMENT("increment", "/counters/{name}/increment"),
        DECREMENT("decrement", "/counters/{name}/decrement");

        final String operation;
        final String route;

        Kind(String operation, String route) {
            this.operation = operation;
            this.route = route;
        }

        CounterOperation of(long by) {
            return this == INCREMENT ? new CounterOperation.Increment(by) : new CounterOperation.Decrement(by);
        }
    }

    @Override
    public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) throws Exception {
        Step step = step(request);
        if (step == null) {
            return super.handle(request, response, callback);
        }
        Exchange exchange = new Exchange(step, request, response, callback, System.nanoTime());
        RateDecision decision = null;
        String keyId = "-";
        try {
            ApiKeyAuthFilter.Outcome auth = authentication.check(ApiKeyAuthFilter.presentedKey(
                    request.getHeaders().get(HttpHeader.AUTHORIZATION), request.getHeaders().get(ApiKeyAuthFilter.API_KEY_HEADER)),
                    Request.getRemoteAddr(request));
            decision = auth.decision();
            if (auth.key() == null) {
                exchange.answer(new Answer(auth.refusal().toResponse(), decision, auth.challenge(), keyId));
                return true;
            }
            ApiKey key = auth.key();
            keyId = key.id();
            if (rateLimit != null) {
                RateLimitFilter.Charge charge = rateLimit.charge(key);
                decision = charge.decision();
                if (charge.refusal() != null) {
                    exchange.answer(new Answer(charge.refusal().toResponse(), decision, null, keyId));
                    return true;
                }
            }
            if (!key.has(Scope.COUNTERS_WRITE)) {
                exchange.answer(new Answer(ScopeFilter.refusal(Scope.COUNTERS_WRITE).toResponse(), decision, null, keyId));
                return true;
            }
            apply(key.namespace(), exchange, decision, keyId);
        } catch (RuntimeException e) {
            exchange.answer(new Answer(ExceptionResponses.of(e), decision, null, keyId));
        }
        return true;
    }

    /**
     * {@link CounterResource}'s increment/decrement for this simple form, recorded the same way; answers when the
     * counter has. Over {@code inFlightLimit} increments waiting for their counters, the request thread waits for
     * its own too, so Jetty's thread pool bounds the work in flight as it did when every request thread waited.
     */
    private void apply(String namespace, Exchange exchange, RateDecision decision, String keyId) {
        String kind = exchange.step().kind().operation;
        CompletionStage<MutationResult> mutation;
        try {
            CounterId id = new CounterId(namespace, exchange.step().name());
            long by = Amounts.resolve(exchange.step().by(), NO_BODY, null, body -> null);
            mutation = counters.mutateAsync(id, exchange.step().kind().of(by));
        } catch (RuntimeException e) {
            recorder.failed(kind, e);
            throw e;
        }
        boolean overLimit = inFlight.incrementAndGet() > inFlightLimit;
        CompletableFuture<Void> answered = mutation.handle((result, failure) -> {
            inFlight.decrementAndGet();
            if (failure == null && (CounterService.onPartitionThread() || exchange.onRequestThread())) {
                exchange.settle(kind, result, null, decision, keyId);
            } else { // a failure logs; a response thread serves every member's answers: Jetty's pool writes these
                exchange.settleOn(exchange.executor(), kind, result, failure, decision, keyId);
            }
            return (Void) null;
        }).toCompletableFuture();
        if (overLimit) {
            answered.exceptionally(ignored -> null).join();
        }
    }

    private static Reply reply(MutationResult result) {
        if (CounterResults.isPlainSuccess(result)) {
            return new Success(CounterResults.status(result, 200), result.counter().version(),
                    CounterJson.of(result.counter(), result.clamped()));
        }
        return new Generic(CounterResults.toResponse(result, 200, true));
    }

    private static RuntimeException unwrap(Throwable failure) {
        if (failure == null) {
            return null;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    private record Answer(Reply reply, RateDecision decision, String challenge, String keyId) {
        Answer(Response response, RateDecision decision, String challenge, String keyId) {
            this(new Generic(response), decision, challenge, keyId);
        }
    }

    /** What to answer: the counter of a plain success, written directly, or any other JAX-RS response. */
    private sealed interface Reply {
        int status();
    }

    /** A success's answer: what {@link CounterResults#toResponse} builds for it, without building it. */
    private record Success(int status, long version, CounterJson counter) implements Reply {
    }

    private record Generic(Response response) implements Reply {
        @Override
        public int status() {
            return response.getStatus();
        }
    }

    /** One request on its way: answered once, from whichever thread has the answer. */
    private final class Exchange {
        private final Step step;
        private final Request request;
        private final org.eclipse.jetty.server.Response response;
        private final Callback callback;
        private final long start;
        private final Thread requestThread = Thread.currentThread();

        Exchange(Step step, Request request, org.eclipse.jetty.server.Response response, Callback callback, long start) {
            this.step = step;
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.start = start;
        }

        Step step() {
            return step;
        }

        /** True when the counter answered before the request thread left (then it answers itself). */
        boolean onRequestThread() {
            return Thread.currentThread() == requestThread;
        }

        Executor executor() {
            return request.getComponents().getExecutor();
        }

        /** {@link #settle} on {@code executor}, or here if it refuses the task (a full pool: answering late is worse). */
        void settleOn(Executor executor, String kind, MutationResult result, Throwable failure, RateDecision decision,
                      String keyId) {
            try {
                executor.execute(() -> settle(kind, result, failure, decision, keyId));
            } catch (RejectedExecutionException e) {
                settle(kind, result, failure, decision, keyId);
            }
        }

        /** Records the outcome and answers; never leaves the client without an answer. */
        void settle(String kind, MutationResult result, Throwable failure, RateDecision decision, String keyId) {
            try {
                Reply reply;
                try {
                    if (failure == null) {
                        reply = reply(result);
                        recorder.record(kind, result);
                    } else {
                        RuntimeException cause = unwrap(failure);
                        recorder.failed(kind, cause);
                        reply = new Generic(ExceptionResponses.of(cause));
                    }
                } catch (RuntimeException e) {
                    reply = new Generic(ExceptionResponses.of(e));
                }
                answer(new Answer(reply, decision, null, keyId));
            } catch (Throwable t) { // an Error: Jetty would not answer a request its handler took
                callback.failed(t);
                throw t;
            }
        }

        void answer(Answer answer) {
            served.mark(); // before the answer goes out, so a client that has it sees the count
            try {
                write(answer);
            } catch (RuntimeException e) {
                if (!response.isCommitted()) {
                    response.reset(); // none of the answer's headers on Jetty's error answer
                }
                org.eclipse.jetty.server.Response.writeError(request, response, callback, e);
            }
            try {
                completed.accept(new CompletedRequest(step.kind().route, "POST", answer.reply().status(),
                        System.nanoTime() - start, answer.keyId()));
            } catch (RuntimeException e) { // on Hazelcast's thread nobody else would see it
                LOG.warn("a request sink failed for {}", step.kind().route, e);
            }
        }

        private void write(Answer answer) {
            HttpFields.Mutable headers = response.getHeaders();
            if (answer.reply() instanceof Success success) {
                // a fresh response holds none of these yet: add, where put would first look for each among the rest
                response.setStatus(success.status());
                headers.add(HttpHeaders.ETAG, CounterResults.etagHeader(success.version()));
                writeHeaders(answer, headers::add);
                byte[] body = CounterJsonBytes.of(success.counter());
                body = body != null ? body : bytes(counterJson, success.counter());
                headers.add(HttpHeader.CONTENT_TYPE, "application/json");
                headers.add(HttpHeader.CONTENT_LENGTH, body.length);
                response.write(true, ByteBuffer.wrap(body), callback);
                return;
            }
            Response generic = ((Generic) answer.reply()).response();
            response.setStatus(generic.getStatus());
            for (Map.Entry<String, List<String>> header : generic.getStringHeaders().entrySet()) {
                if (!header.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                    header.getValue().forEach(value -> headers.add(header.getKey(), value));
                }
            }
            writeHeaders(answer, headers::put);
            Object entity = generic.getEntity();
            if (entity == null) {
                response.write(true, BufferUtil.EMPTY_BUFFER, callback);
                return;
            }
            writeBody(bytes(json.writer(), entity), entity instanceof Problem ? Problem.MEDIA_TYPE.toString() : "application/json");
        }

        private void writeHeaders(Answer answer, BiConsumer<String, String> header) {
            RateLimitHeaders.write(answer.decision(), header);
            if (answer.challenge() != null) {
                header.accept(HttpHeaders.WWW_AUTHENTICATE, answer.challenge());
            }
            if (draining.getAsBoolean()) {
                header.accept(HttpHeader.CONNECTION.asString(), "close");
            }
        }

        private void writeBody(byte[] body, String contentType) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    private static byte[] bytes(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer as JSON", e);
        }
    }

    /** The step this request asks for, or null when it is not the simple form (the servlets serve it then). */
    static Step step(Request request) {
        HttpFields headers = request.getHeaders();
        if (!"POST".equals(request.getMethod()) || headers.get(HttpHeader.IF_MATCH) != null
                || headers.get(IdempotencyKeys.HEADER) != null || headers.get(HttpHeader.TRANSFER_ENCODING) != null
                || !acceptsJson(headers.get(HttpHeader.ACCEPT))) {
            return null;
        }
        String length = headers.get(HttpHeader.CONTENT_LENGTH);
        if (length != null && !length.trim().equals("0")) {
            return null;
        }
        String query = request.getHttpURI().getQuery();
        String by = by(query);
        if (by == null && query != null) {
            return null;
        }
        return step(request.getHttpURI().getPath(), request.getContext().getContextPath(), by);
    }

    /** @param uri the request's path as sent (still encoded) */
    static Step step(String uri, String contextPath, String by) {
        if (contextPath != null && !contextPath.isEmpty() && !contextPath.equals("/")) {
            return null;
        }
        if (uri == null || !uri.startsWith(PREFIX)) {
            return null;
        }
        int slash = uri.indexOf('/', PREFIX.length());
        if (slash <= PREFIX.length()) {
            return null;
        }
        Kind kind = switch (uri.substring(slash)) {
            case "/increment" -> Kind.INCREMENT;
            case "/decrement" -> Kind.DECREMENT;
            default -> null;
        };
        String name = uri.substring(PREFIX.length(), slash);
        // Encoded characters and matrix parameters: Jersey's decoding rules apply, so Jersey serves them.
        if (kind == null || name.indexOf('%') >= 0 || name.indexOf(';') >= 0) {
            return null;
        }
        return new Step(kind, name, by);
    }

    /** The raw value of a query that is exactly {@code by=<value>} with nothing to decode, else null. */
    static String by(String query) {
        if (query == null || !query.startsWith("by=")) {
            return null;
        }
        String value = query.substring(3);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '&' || c == '%' || c == '+' || c == '=' || c == ';') {
                return null;
            }
        }
        return value;
    }

    /** No Accept, or one that plainly takes JSON; anything subtler is negotiated by Jersey. */
    static boolean acceptsJson(String accept) {
        if (accept == null) {
            return true;
        }
        String value = accept.trim();
        return value.equals("*/*") || value.equals("application/json") || value.equals("application/*");
    }
}
