package dev.countd.api.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

import java.io.IOException;

/**
 * Keeps keep-alive connections safe when a response goes out before its request body was read: a
 * 401, 403, 429 or 413, an unknown route, a malformed body. Jetty closes such a connection when
 * the rest of the body arrives, without having said so in the response, and a client that has
 * already sent its next request on it sees the connection drop ("header parser received no
 * bytes"). So this discards what has arrived of the body (never waiting for more, never past the
 * size limit), and if some of it is still to come, answers with {@code Connection: close}: the
 * client then opens a new connection instead of losing its next request.
 */
public final class UnreadBodyFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (BodySizeLimitFilter.announcesBody(request) && !readToEnd(request)) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }

    private static boolean readToEnd(ContainerRequestContext request) {
        // No stream: BodySizeLimitFilter refused the body by its Content-Length before wrapping it.
        if (!(request.getProperty(BodySizeLimitFilter.BODY_PROPERTY) instanceof BodySizeLimitFilter.LimitedStream body)) {
            return false;
        }
        // A client waiting for 100 Continue has sent no body: the first touch of the stream would invite it.
        if (!body.touched() && "100-continue".equalsIgnoreCase(request.getHeaderString("Expect"))) {
            return false;
        }
        try {
            return body.discardArrived(BodySizeLimitFilter.contentLength(request));
        } catch (IOException | RuntimeException e) {
            // Over the limit, or a broken stream: the connection cannot be trusted.
            return false;
        }
    }
}
