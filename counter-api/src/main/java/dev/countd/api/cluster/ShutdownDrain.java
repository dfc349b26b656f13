package dev.countd.api.cluster;

import com.codahale.metrics.health.HealthCheck;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The first step of a graceful stop (SIGTERM), before Jetty stops accepting: for {@code delay}
 * the node keeps serving, but every response says {@code Connection: close} and the
 * {@code draining} health check fails, so load balancers take the node out and clients drop their
 * kept-alive connections to it. Without this, Jetty's graceful stop answers 503 to a request that
 * arrives on an idle kept-alive connection; with it, such clients get a connection error (nothing
 * applied) and retry elsewhere. At the end of the delay the listening sockets close (new
 * connections are refused). Then Jetty finishes in-flight requests ({@code server.shutdownGracePeriod}),
 * and only after that the Hazelcast member leaves ({@link HazelcastLifecycle}).
 */
public final class ShutdownDrain implements LifeCycle.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownDrain.class);

    /** Lets requests on connections accepted just before the close reach the application. */
    private static final Duration ACCEPTED_REQUESTS_QUIET_PERIOD = Duration.ofMillis(250);

    private final Duration delay;
    private volatile boolean draining;

    public ShutdownDrain(Duration delay) {
        this.delay = delay;
    }

    public boolean draining() {
        return draining;
    }

    @Override
    public void lifeCycleStopping(LifeCycle server) {
        draining = true;
        LOG.info("stopping: draining connections for {} ms before the server stops accepting", delay.toMillis());
        pause(delay);
        if (server instanceof Server jetty) {
            // Stop accepting before Jetty's graceful stop begins: a new connection is then refused (a
            // connection error, retried elsewhere) instead of being accepted and answered 503.
            for (Connector connector : jetty.getConnectors()) {
                if (connector instanceof NetworkConnector network) {
                    network.close();
                }
            }
            pause(ACCEPTED_REQUESTS_QUIET_PERIOD);
        }
    }

    /** The JVM is shutting down; this thread (Jetty's shutdown hook) only has to wait. */
    private static void pause(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            LockSupport.parkNanos(Math.min(until - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    /** Adds {@code Connection: close} to every response while draining. */
    public Filter connectionCloser() {
        return new Filter() {
            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                if (draining && response instanceof HttpServletResponse http) {
                    http.setHeader("Connection", "close");
                }
                chain.doFilter(request, response);
            }
        };
    }

    /** Unhealthy while draining, so readiness probes and load balancers stop sending traffic here. */
    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            protected Result check() {
                return draining ? Result.unhealthy("node is shutting down") : Result.healthy("serving");
            }
        };
    }
}
