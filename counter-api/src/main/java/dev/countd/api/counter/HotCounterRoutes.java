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
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The lean path for the hottest routes: a plain {@code POST /counters/{name}/increment} or
 * {@code /decrement} (no body, no If-Match, no Idempotency-Key, at most {@code ?by=n}) is served
 * by this servlet filter in front of Jersey, which costs most of a request's CPU otherwise. It
 * uses the same pieces as the Jersey route: the key check ({@link ApiKeyAuthFilter#check}), the
 * rate limit ({@link RateLimitFilter#charge}), the scope refusal, the core call and its
 * translation ({@link CounterResults}), the exception mappers ({@link ExceptionResponses}), the
 * operation metrics and the request sinks (latency histogram, request log) under the same route
 * template. Any other request, including every unusual form of these (an encoded name, other
 * query parameters, an Accept that may not take JSON), passes through to Jersey unchanged.
 */
public final class HotCounterRoutes implements Filter {

    /** Dropwizard meter of the requests this filter answered (exported as {@code countd_lean_routes_served_total}-like Dropwizard metrics). */
    public static final String SERVED_METER = "countd.lean-routes.served";
    static final String PREFIX = "/counters/";
    private static final byte[] NO_BODY = new byte[0];

    private final ApiKeyAuthFilter authentication;
    private final RateLimitFilter rateLimit;
    private final CounterService counters;
    private final OperationRecorder recorder;
    private final Consumer<CompletedRequest> completed;
    private final ObjectMapper json;
    /** The same mapper's writer for a counter, resolved once (Jersey writes the same bytes through {@code json}). */
    private final ObjectWriter counterJson;
    private final Meter served;

    /** @param rateLimit null when rate limits are off */
    public HotCounterRoutes(ApiKeyAuthFilter authentication, RateLimitFilter rateLimit, CounterService counters,
                            OperationRecorder recorder, List<Consumer<CompletedRequest>> completed, ObjectMapper json,
                            Meter served) {
        this.authentication = authentication;
        this.rateLimit = rateLimit;
        this.counters = counters;
        this.recorder = recorder;
        List<Consumer<CompletedRequest>> sinks = List.copyOf(completed);
        this.completed = request -> sinks.forEach(sink -> sink.accept(request));
        this.json = json;
        this.counterJson = json.writerFor(CounterJson.class);
        this.served = served;
    }

    /** A request this filter serves: which step, on which counter name, with which raw {@code by}. */
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
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Step step = request instanceof HttpServletRequest http ? step(http) : null;
        if (step == null) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        HttpServletRequest http = (HttpServletRequest) request;
        Answer answer = answer(http, step);
        served.mark(); // before the answer goes out, so a client that has it sees the count
        write(answer, (HttpServletResponse) response);
        completed.accept(new CompletedRequest(step.kind().route, "POST", answer.reply().status(),
                System.nanoTime() - start, answer.keyId()));
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

    private Answer answer(HttpServletRequest http, Step step) {
        RateDecision decision = null;
        String keyId = "-";
        try {
            ApiKeyAuthFilter.Outcome auth = authentication.check(ApiKeyAuthFilter.presentedKey(
                    http.getHeader(HttpHeaders.AUTHORIZATION), http.getHeader(ApiKeyAuthFilter.API_KEY_HEADER)),
                    http.getRemoteAddr());
            decision = auth.decision();
            if (auth.key() == null) {
                return new Answer(auth.refusal().toResponse(), decision, auth.challenge(), keyId);
            }
            ApiKey key = auth.key();
            keyId = key.id();
            if (rateLimit != null) {
                RateLimitFilter.Charge charge = rateLimit.charge(key);
                decision = charge.decision();
                if (charge.refusal() != null) {
                    return new Answer(charge.refusal().toResponse(), decision, null, keyId);
                }
            }
            if (!key.has(Scope.COUNTERS_WRITE)) {
                return new Answer(ScopeFilter.refusal(Scope.COUNTERS_WRITE).toResponse(), decision, null, keyId);
            }
            return new Answer(apply(key.namespace(), step), decision, null, keyId);
        } catch (RuntimeException e) {
            return new Answer(ExceptionResponses.of(e), decision, null, keyId);
        }
    }

    /** {@link CounterResource}'s increment/decrement for this simple form, recorded the same way. */
    private Reply apply(String namespace, Step step) {
        String kind = step.kind().operation;
        MutationResult result;
        try {
            CounterId id = new CounterId(namespace, step.name());
            long by = Amounts.resolve(step.by(), NO_BODY, null, body -> null);
            result = counters.mutate(id, step.kind().of(by), null);
        } catch (RuntimeException e) {
            recorder.failed(kind, e);
            throw e;
        }
        recorder.record(kind, result);
        if (CounterResults.isPlainSuccess(result)) {
            return new Success(CounterResults.status(result, 200), result.counter().version(),
                    CounterJson.of(result.counter(), result.clamped()));
        }
        return new Generic(CounterResults.toResponse(result, 200, true));
    }

    private void write(Answer answer, HttpServletResponse out) throws IOException {
        if (answer.reply() instanceof Success success) {
            out.setStatus(success.status());
            out.setHeader(HttpHeaders.ETAG, CounterResults.etagHeader(success.version()));
            writeHeaders(answer, out);
            writeBody(counterJson.writeValueAsBytes(success.counter()), "application/json", out);
            return;
        }
        Response response = ((Generic) answer.reply()).response();
        out.setStatus(response.getStatus());
        for (Map.Entry<String, List<String>> header : response.getStringHeaders().entrySet()) {
            if (!header.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                header.getValue().forEach(value -> out.addHeader(header.getKey(), value));
            }
        }
        writeHeaders(answer, out);
        Object entity = response.getEntity();
        if (entity == null) {
            return;
        }
        writeBody(json.writeValueAsBytes(entity), entity instanceof Problem ? Problem.MEDIA_TYPE.toString() : "application/json", out);
    }

    private static void writeHeaders(Answer answer, HttpServletResponse out) {
        RateLimitHeaders.write(answer.decision(), out::setHeader);
        if (answer.challenge() != null) {
            out.setHeader(HttpHeaders.WWW_AUTHENTICATE, answer.challenge());
        }
    }

    private static void writeBody(byte[] body, String contentType, HttpServletResponse out) throws IOException {
        out.setContentType(contentType);
        out.setContentLength(body.length);
        out.getOutputStream().write(body);
    }

    /** The step this request asks for, or null when it is not the simple form (Jersey serves it then). */
    static Step step(HttpServletRequest http) {
        if (!"POST".equals(http.getMethod()) || http.getHeader(HttpHeaders.IF_MATCH) != null
                || http.getHeader(IdempotencyKeys.HEADER) != null || http.getHeader("Transfer-Encoding") != null
                || !acceptsJson(http.getHeader(HttpHeaders.ACCEPT))) {
            return null;
        }
        String length = http.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && !length.trim().equals("0")) {
            return null;
        }
        String by = by(http.getQueryString());
        if (by == null && http.getQueryString() != null) {
            return null;
        }
        return step(http.getRequestURI(), http.getContextPath(), by);
    }

    static Step step(String uri, String contextPath, String by) {
        if (contextPath != null && !contextPath.isEmpty() && !contextPath.equals("/")) {
            return null;
        }
        if (!uri.startsWith(PREFIX)) {
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
