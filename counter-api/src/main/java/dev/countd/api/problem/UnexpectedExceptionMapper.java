package dev.countd.api.problem;

import dev.countd.core.storage.StoreUnavailableException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Everything no other mapper claimed. The client gets a generic problem with an error id; the log
 * gets the id, the exception type and message (never the request body or credentials).
 */
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        BodyTooLargeException tooLarge = find(exception, BodyTooLargeException.class);
        if (tooLarge != null) {
            return Problem.of(413, "payload-too-large", tooLarge.getMessage()).toResponse();
        }
        org.eclipse.jetty.http.BadMessageException badMessage = find(exception, org.eclipse.jetty.http.BadMessageException.class);
        if (badMessage != null) {
            int status = badMessage.getCode() >= 400 && badMessage.getCode() < 500 ? badMessage.getCode() : 400;
            return Problem.of(status, status == 408 ? "request-timeout" : "malformed-request",
                    status == 408 ? "the request body arrived too slowly" : "the request could not be read").toResponse();
        }
        com.hazelcast.splitbrainprotection.SplitBrainProtectionException minority =
                find(exception, com.hazelcast.splitbrainprotection.SplitBrainProtectionException.class);
        if (minority != null) {
            return new ClusterMinorityExceptionMapper().toResponse(minority);
        }
        String errorId = Long.toHexString(ThreadLocalRandom.current().nextLong());
        if (find(exception, SQLException.class) != null || hasCause(exception, "org.jdbi.v3.core.JdbiException")
                || find(exception, StoreUnavailableException.class) != null) {
            LOG.warn("storage unavailable, error {}: {}", errorId, describe(exception));
            return Problem.of(503, "storage-unavailable", "the counter store is unavailable; retry later (error "
                    + errorId + ")").toResponseBuilder().header("Retry-After", "1").build();
        }
        LOG.error("unexpected error {}: {}", errorId, describe(exception), LOG.isDebugEnabled() ? exception : null);
        return Problem.of(500, "internal-error", "the request could not be completed (error " + errorId + ")").toResponse();
    }

    private static String describe(Throwable exception) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = exception; t != null && chain.length() < 600; t = t.getCause()) {
            chain.append(chain.length() == 0 ? "" : " <- ").append(t.getClass().getName());
        }
        return chain.toString();
    }

    private static <T extends Throwable> T find(Throwable exception, Class<T> type) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean hasCause(Throwable exception, String className) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
                if (c.getName().equals(className)) {
                    return true;
                }
            }
        }
        return false;
    }

}
