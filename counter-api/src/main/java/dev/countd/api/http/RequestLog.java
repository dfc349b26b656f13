package dev.countd.api.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.function.Consumer;

/**
 * One line per API request on the logger {@value #LOGGER}: route template, method, status, latency
 * and key id; never the raw path, query, headers or body (no secrets, no counter names). The same
 * fields go to the MDC so the JSON layout shows them as fields. Silence it with
 * {@code logging.loggers."countd.request": OFF}.
 */
public final class RequestLog implements Consumer<CompletedRequest> {

    public static final String LOGGER = "countd.request";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    @Override
    public void accept(CompletedRequest request) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String latencyMs = millis(request.nanos());
        MDC.put("route", request.route());
        MDC.put("method", request.method());
        MDC.put("status", Integer.toString(request.status()));
        MDC.put("latencyMs", latencyMs);
        MDC.put("keyId", request.keyId());
        try {
            LOG.info("{} {} {} {}ms key={}", request.method(), request.route(), request.status(), latencyMs, request.keyId());
        } finally {
            MDC.remove("route");
            MDC.remove("method");
            MDC.remove("status");
            MDC.remove("latencyMs");
            MDC.remove("keyId");
        }
    }

    /** {@code 1.234}: milliseconds with three decimals (String.format costs more than the rest of the line). */
    static String millis(long nanos) {
        long micros = Math.max(0, nanos) / 1_000;
        long fraction = micros % 1_000;
        return (micros / 1_000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }
}
