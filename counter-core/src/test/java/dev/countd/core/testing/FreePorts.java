package dev.countd.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for servers that tests start themselves (child JVMs, Hazelcast members), handed out once per JVM.
 *
 * <p>{@code new ServerSocket(0)} answers a port from the kernel's ephemeral range, and that port is free only
 * until the socket closes: an outgoing connection (a Hazelcast member joining, a JDBC pool, the load
 * generator) may take it before the server binds it, and the server then fails with "Address already in
 * use". Ports below the ephemeral range are never given to outgoing connections, so a port that binds
 * here stays free for the server; the counter makes sure no two servers in one JVM get the same one.
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;
    private static final int ABOVE_RANGE = ephemeralRangeStart();
    private static final AtomicInteger NEXT = new AtomicInteger(
            LOWEST + ThreadLocalRandom.current().nextInt(Math.max(1, ABOVE_RANGE - LOWEST)));

    private FreePorts() {
    }

    /** A port no other server holds now and no earlier call in this JVM answered. */
    public static int next() {
        if (ABOVE_RANGE <= LOWEST + 1_000) {
            return kernelChosen(); // an unusual kernel setting leaves no room below the range
        }
        for (int tries = 0; tries < ABOVE_RANGE - LOWEST; tries++) {
            int port = LOWEST + Math.floorMod(NEXT.getAndIncrement() - LOWEST, ABOVE_RANGE - LOWEST);
            if (bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + ABOVE_RANGE);
    }

    private static boolean bindable(int port) {
        // The wildcard address conflicts with a bind to any interface, loopback included.
        try (ServerSocket socket = new ServerSocket(port, 1)) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    private static int kernelChosen() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Linux publishes its range; elsewhere stay below Linux's default start, which is below IANA's 49152 too. */
    private static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
