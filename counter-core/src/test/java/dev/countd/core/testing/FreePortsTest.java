package dev.countd.core.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class FreePortsTest {

    @Test
    void portsComeFromBelowTheKernelsEphemeralRangeAndNeverTwice() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        assumeThat(Files.exists(range)).as("Linux publishes its ephemeral port range in " + range).isTrue();
        int ephemeralStart = Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
        assertThat(FreePorts.ephemeralRangeStart()).isEqualTo(ephemeralStart);

        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePorts.next();
            assertThat(port).isBetween(10_000, ephemeralStart - 1);
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
        }
    }

    @Test
    void aPortSomeoneHoldsIsSkipped() throws IOException {
        int first = FreePorts.next();
        // Hold the next candidate; if someone else holds it already, it must be skipped just the same.
        try (ServerSocket held = holdIfFree(first + 1)) {
            assertThat(FreePorts.next()).isNotEqualTo(first + 1);
        }
    }

    private static ServerSocket holdIfFree(int port) {
        try {
            return new ServerSocket(port);
        } catch (IOException e) {
            return null; // try-with-resources skips a null resource
        }
    }
}
