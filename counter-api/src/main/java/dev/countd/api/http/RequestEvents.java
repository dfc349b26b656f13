package dev.countd.api.http;

import jakarta.ws.rs.core.SecurityContext;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;
import org.glassfish.jersey.uri.UriTemplate;

import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns each finished Jersey request into a {@link CompletedRequest} (route template, method,
 * status, latency, key id) and hands it to the sinks: the latency histogram and the request log.
 */
public final class RequestEvents implements ApplicationEventListener {

    public static final String UNMATCHED = "unmatched";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

    private final List<Consumer<CompletedRequest>> sinks;

    public RequestEvents(List<Consumer<CompletedRequest>> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void onEvent(ApplicationEvent event) {
    }

    @Override
    public RequestEventListener onRequest(RequestEvent start) {
        return sinks.isEmpty() ? null : new Timed(System.nanoTime());
    }

    private final class Timed implements RequestEventListener {
        private final long start;

        Timed(long start) {
            this.start = start;
        }

        @Override
        public void onEvent(RequestEvent event) {
            if (event.getType() != RequestEvent.Type.FINISHED) {
                return;
            }
            ContainerResponse response = event.getContainerResponse();
            ContainerRequest request = event.getContainerRequest();
            CompletedRequest done = new CompletedRequest(route(event.getUriInfo().getMatchedTemplates()),
                    method(request.getMethod()), response == null ? 500 : response.getStatus(),
                    System.nanoTime() - start, keyId(request.getSecurityContext()));
            for (Consumer<CompletedRequest> sink : sinks) {
                sink.accept(done);
            }
        }
    }

    /** Jersey lists the matched templates innermost first: {@code [/{name}/increment, /counters]}. */
    static String route(List<UriTemplate> matched) {
        if (matched == null || matched.isEmpty()) {
            return UNMATCHED;
        }
        StringBuilder route = new StringBuilder();
        for (int i = matched.size() - 1; i >= 0; i--) {
            String part = matched.get(i).getTemplate();
            if (part.isEmpty() || part.equals("/")) {
                continue;
            }
            if (part.charAt(0) != '/') {
                route.append('/');
            }
            route.append(part.endsWith("/") ? part.substring(0, part.length() - 1) : part);
        }
        return route.length() == 0 ? "/" : route.toString();
    }

    static String method(String method) {
        return METHODS.contains(method) ? method : "OTHER";
    }

    private static String keyId(SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        return principal instanceof KeyIdentified key ? key.keyId() : "-";
    }
}
