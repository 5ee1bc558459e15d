package sockets.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sockets.common.testing.ConnectionFlood;
import sockets.common.testing.TestSockets;
import sockets.framing.cli.Framings;
import sockets.framing.cli.Main;

/**
 * 6,000 connections, each holding half a length header, to {@code frame-server} under a 64 MiB heap (about
 * 5,000 once stopped it for good). With the connection limit, the limit is said once, and afterwards a good
 * client is served and SIGTERM gives 143.
 */
class ConnectionLimitTest {
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void sixThousandHalfHeadersUnderASmallHeapStopNothing() throws Exception {
        Framing length = Framings.parse("length", null);
        String stderr = ConnectionFlood.run(6_000, new byte[] {0, 0}, address -> {
            try (Socket good = TestSockets.connect(address)) {
                byte[] hello = "served after the flood".getBytes();
                new FrameWriter(good.getOutputStream(), length).write(hello);
                assertArrayEquals(hello, new FrameReader(good.getInputStream(), length.newDecoder()).read());
            }
        }, Main.class, "frame-server", "--framing", "length", "--port", "0");
        ConnectionFlood.assertLimitSaidOnce(stderr);
    }
}
