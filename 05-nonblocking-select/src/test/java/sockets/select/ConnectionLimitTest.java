package sockets.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sockets.common.testing.ConnectionFlood;
import sockets.common.testing.TestSockets;
import sockets.framing.FrameReader;
import sockets.framing.FrameWriter;
import sockets.framing.Framing;
import sockets.framing.cli.Framings;
import sockets.select.cli.Main;

/**
 * 20,000 connections to a selector server under a 64 MiB heap, each idle or holding half a header: at
 * --max-connections (about 3,950 at this heap) the loop stops accepting and says so once; afterwards a
 * good client is served and SIGTERM gives 143.
 */
class ConnectionLimitTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"select-echo-server, none", "select-frame-server, length", "select-frame-server, netstring"})
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void twentyThousandConnectionsUnderASmallHeapStopNothing(String command, String framing) throws Exception {
        boolean echo = framing.equals("none");
        byte[] each = echo ? new byte[0] : framing.equals("length") ? new byte[] {0, 0} : "10".getBytes();
        String[] args = echo ? new String[] {command, "--port", "0"}
                : new String[] {command, "--framing", framing, "--port", "0"};
        String stderr = ConnectionFlood.run(20_000, each, address -> {
            byte[] hello = "served after the flood".getBytes();
            try (Socket good = TestSockets.connect(address)) {
                if (echo) {
                    good.getOutputStream().write(hello);
                    assertArrayEquals(hello, good.getInputStream().readNBytes(hello.length));
                } else {
                    Framing chosen = Framings.parse(framing, null);
                    new FrameWriter(good.getOutputStream(), chosen).write(hello);
                    assertArrayEquals(hello, new FrameReader(good.getInputStream(), chosen.newDecoder()).read());
                }
            }
        }, Main.class, args);
        ConnectionFlood.assertLimitSaidOnce(stderr);
    }

    /**
     * 120 peers each declare a 1,000,000-byte frame and send all but its last byte, under a 64 MiB heap: the
     * default budget (64 MiB, the whole heap) let them fill it, and the loop's thread died of an
     * {@code OutOfMemoryError} thrown while the line for one connection was being built: nobody was served
     * again. The budget is now a quarter of the heap, and nothing a turn of the loop throws ends the loop.
     */
    @ParameterizedTest(name = "--loops {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void unfinishedFramesDeclaringMoreThanTheHeapStopNothing(int loops) throws Exception {
        Framing length = Framings.parse("length", null);
        ConnectionFlood.runUnfinishedFrames(120, new byte[] {0, 0x0f, 0x42, 0x40}, 1_000_000,
                "server memory budget spent", address -> {
            try (Socket good = TestSockets.connect(address)) {
                byte[] hello = "served after the frames".getBytes();
                new FrameWriter(good.getOutputStream(), length).write(hello);
                assertArrayEquals(hello, new FrameReader(good.getInputStream(), length.newDecoder()).read());
            }
        }, Main.class, "select-frame-server", "--framing", "length", "--port", "0", "--loops", String.valueOf(loops));
    }
}
