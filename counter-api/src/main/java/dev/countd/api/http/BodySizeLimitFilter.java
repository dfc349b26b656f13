package dev.countd.api.http;

import dev.countd.api.problem.BodyTooLargeException;
import dev.countd.api.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over the limit with 413: at once when Content-Length says so, and while
 * reading for chunked bodies, so no handler ever buffers more than the limit.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class BodySizeLimitFilter implements ContainerRequestFilter {

    public static final int DEFAULT_LIMIT = 64 * 1024;
    /** The request property that holds the body's {@link LimitedStream} (see {@link UnreadBodyFilter}). */
    static final String BODY_PROPERTY = "countd.request-body";
    private final long limit;

    public BodySizeLimitFilter(long limit) {
        this.limit = limit;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long length = contentLength(request);
        if (length > limit) {
            request.abortWith(Problem.of(413, "payload-too-large",
                    "request body is " + length + " bytes; the limit is " + limit).toResponse());
            return;
        }
        // Wrap without probing the stream (hasEntity() would read): only requests that announce a body.
        if (announcesBody(request)) {
            LimitedStream body = new LimitedStream(request.getEntityStream(), limit);
            request.setProperty(BODY_PROPERTY, body);
            request.setEntityStream(body);
        }
    }

    /** The Content-Length as a long (JAX-RS's {@code getLength()} fails over 2 GB), -1 when there is none. */
    static long contentLength(ContainerRequestContext request) {
        String header = request.getHeaderString("Content-Length");
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // Jetty refuses a malformed length before this runs
        }
    }

    static boolean announcesBody(ContainerRequestContext request) {
        return contentLength(request) > 0 || request.getHeaderString("Transfer-Encoding") != null;
    }

    static final class LimitedStream extends FilterInputStream {
        private final long limit;
        private long read;
        private boolean ended;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            } else {
                ended = true;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            } else if (n < 0) {
                ended = true;
            }
            return n;
        }

        /** True once anything read through this stream (then a 100 Continue, if one was asked for, has gone out). */
        boolean touched() {
            return read > 0 || ended;
        }

        /**
         * Discards what has arrived of the body and not been read, without waiting for more; true
         * when the body has then been read to its end ({@code contentLength} -1 when chunked).
         */
        boolean discardArrived(long contentLength) throws IOException {
            byte[] scratch = new byte[8192];
            while (!ended && (contentLength < 0 || read < contentLength)) {
                int ready = available();
                if (ready <= 0) {
                    return false;
                }
                read(scratch, 0, Math.min(ready, scratch.length));
            }
            return true;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }
    }
}
