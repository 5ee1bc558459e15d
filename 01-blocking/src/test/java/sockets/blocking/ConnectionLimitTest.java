package sockets.blocking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sockets.blocking.cli.Main;
import sockets.common.testing.ConnectionFlood;
import sockets.common.testing.TestSockets;

/**
 * 20,000 idle connections (10,000 from another process: one may hold only so many descriptors) to
 * {@code echo-server} under a 64 MiB heap (about 5,400 once stopped the
 * virtual-thread server for good: the heap ran out, and even SIGTERM could not be handled). With a limit on
 * connections (247 at this heap), the rest wait in the backlog, the limit is said once, and afterwards a
 * good client is served and SIGTERM gives 143.
 */
class ConnectionLimitTest {
    @ParameterizedTest(name = "--threads {0}")
    @ValueSource(strings = {"virtual", "platform"})
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void twentyThousandIdleConnectionsUnderASmallHeapStopNothing(String threads) throws Exception {
        String stderr = ConnectionFlood.run(20_000, new byte[0], ConnectionLimitTest::echoed, Main.class, "echo-server",
                "--port", "0", "--threads", threads);
        ConnectionFlood.assertLimitSaidOnce(stderr);
    }

    /**
     * A limit asked for beyond what the heap holds ({@code --max-connections 100000} under 64 MiB) let the
     * flood fill the heap: the accept thread died of an {@code OutOfMemoryError} its own log line threw, and
     * SIGTERM could not be handled (the JVM spun in garbage collection). The limit is cut to what the heap
     * holds, in one line, and a flood of 6,000 stops nothing (a backlog of 4,096 lets the flood reach that limit at
     * once, rather than in the kernel's SYN retries).
     */
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aLimitBeyondWhatTheHeapHoldsIsCutToItAndSaid() throws Exception {
        String stderr = ConnectionFlood.run(6_000, new byte[0], ConnectionLimitTest::echoed, Main.class, "echo-server",
                "--port", "0", "--max-connections", "100000", "--backlog", "4096");
        assertEquals(1, ConnectionFlood.count(stderr, "--max-connections 100000 is more than this heap holds"), stderr);
        ConnectionFlood.assertLimitSaidOnce(stderr);
    }

    /** A good client: its bytes come back. */
    private static void echoed(InetSocketAddress address) throws Exception {
        try (Socket good = TestSockets.connect(address)) {
            byte[] hello = "served after the flood".getBytes();
            good.getOutputStream().write(hello);
            assertArrayEquals(hello, good.getInputStream().readNBytes(hello.length));
        }
    }
}
