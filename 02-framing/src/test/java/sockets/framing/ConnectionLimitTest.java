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
 * 20,000 connections, each holding half a length header, to {@code frame-server} under a 64 MiB heap (about
 * 5,000 once stopped it for good). With the connection limit, the limit is said once, and afterwards a good
 * client is served and SIGTERM gives 143.
 */
class ConnectionLimitTest {
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void twentyThousandHalfHeadersUnderASmallHeapStopNothing() throws Exception {
        Framing length = Framings.parse("length", null);
        String stderr = ConnectionFlood.run(20_000, new byte[] {0, 0}, address -> {
            try (Socket good = TestSockets.connect(address)) {
                byte[] hello = "served after the flood".getBytes();
                new FrameWriter(good.getOutputStream(), length).write(hello);
                assertArrayEquals(hello, new FrameReader(good.getInputStream(), length.newDecoder()).read());
            }
        }, Main.class, "frame-server", "--framing", "length", "--port", "0");
        ConnectionFlood.assertLimitSaidOnce(stderr);
    }

    /**
     * 120 peers each declare a 1,000,000-byte frame and send all of it but its last byte, under a 64 MiB heap:
     * the default budget was 64 MiB, the whole heap, so the frames filled it (handlers died of
     * {@code OutOfMemoryError}, and with platform threads no client was served for 30 s). The default is now a
     * quarter of the heap: the peers past it are cut off, each with one line, and the server goes on.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "--threads {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"virtual", "platform"})
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void unfinishedFramesDeclaringMoreThanTheHeapStopNothing(String threads) throws Exception {
        Framing length = Framings.parse("length", null);
        ConnectionFlood.runUnfinishedFrames(120, new byte[] {0, 0x0f, 0x42, 0x40}, 1_000_000,
                "server memory budget spent", address -> {
            try (Socket good = TestSockets.connect(address)) {
                byte[] hello = "served after the frames".getBytes();
                new FrameWriter(good.getOutputStream(), length).write(hello);
                assertArrayEquals(hello, new FrameReader(good.getInputStream(), length.newDecoder()).read());
            }
        }, Main.class, "frame-server", "--framing", "length", "--port", "0", "--threads", threads);
    }
}
