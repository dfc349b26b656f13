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
            System.err.println("FreePorts: ephemeral ports start at " + ABOVE_RANGE + ", leaving no room below; "
                    + "letting the kernel choose (such a port can be taken before the server binds it)");
            return kernelChosen();
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
    static int ephemeralRangeStart() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (!Files.exists(range)) {
            return 32_768;
        }
        try {
            // Not Files.readString: /proc files report size 0, and it then reads a single byte ("3").
            return Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            System.err.println("FreePorts: cannot read " + range + " (" + e + "); assuming ephemeral ports from 32768");
            return 32_768;
        }
    }
}
