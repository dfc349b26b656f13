package dev.countd.api.idempotency;

import com.hazelcast.map.IMap;
import dev.countd.api.problem.ProblemException;

import java.util.concurrent.TimeUnit;

/**
 * Marks an Idempotency-Key as in progress cluster-wide, so a retry that arrives while the first
 * request still runs answers 409 instead of waiting. The marker expires on its own if a member
 * dies mid-request; correctness never depends on it (the counter entry decides exactly-once).
 */
public final class InFlightGuard {

    public static final String MAP = "idempotency-in-flight";
    private static final long MARKER_TTL_SECONDS = 30;

    private final IMap<String, Boolean> inFlight;

    public InFlightGuard(IMap<String, Boolean> inFlight) {
        this.inFlight = inFlight;
    }

    public Token enter(String namespace, String key) {
        String marker = namespace + '\u0000' + key;
        if (inFlight.putIfAbsent(marker, Boolean.TRUE, MARKER_TTL_SECONDS, TimeUnit.SECONDS) != null) {
            throw new ProblemException(409, "idempotency-key-in-flight",
                    "a request with this Idempotency-Key is still being processed; retry when it has finished");
        }
        return () -> inFlight.delete(marker);
    }

    /** Leaves the in-flight state when closed. */
    public interface Token extends AutoCloseable {
        @Override
        void close();
    }
}
