package sockets.shutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.common.Endpoints;
import sockets.common.testing.LogCapture;
import sockets.common.testing.TestSockets;
import sockets.framing.FrameWriter;

/** Where a protocol needs liveness, no read or write waits without a bound. */
class LivenessBoundsTest {

    /**
     * The peer sends data frames and never reads the echoes, so the server's echo write blocks once both
     * buffers are full (holding the writer's lock); then the peer goes silent. The server still declares
     * it dead within interval x missed plus one interval, from a watchdog that never blocks.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aPeerThatStopsReadingThenGoesSilentIsDeclaredDeadWhileAWriteToItIsStuck() throws Exception {
        Duration interval = Duration.ofMillis(200);
        int missed = 3;
        LogCapture log = new LogCapture();
        try (ThreadPerConnectionServer server = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 50,
                Threads.VIRTUAL, new HeartbeatHandler(interval, missed), log.log());
             Socket peer = TestSockets.connect(server.start())) {
            FrameWriter writer = new FrameWriter(peer.getOutputStream(), HeartbeatSession.FRAMING);
            byte[] data = new byte[60 * 1024];
            // Send and never read, until our own write blocks: the server's echoes are stuck behind our
            // unread buffer, its writer holds the lock, and from then on we are silent.
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        writer.write(data);
                    }
                } catch (IOException e) {
                    // the server closed the connection: its verdict came
                }
            });
            long start = System.nanoTime();
            String line = log.awaitLines(1).get(0);
            long detectedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(line.startsWith("peer " + Endpoints.format(peer.getLocalSocketAddress()) + ": no heartbeat for "),
                    line);
            assertTrue(detectedMs >= interval.toMillis() * missed, "declared dead too soon: " + detectedMs + " ms");
            sender.join(TestSockets.TIMEOUT_MS);
            assertFalse(sender.isAlive(), "our stuck write was released by the server's close");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theDigestServerClosesAClientThatSendsNothingForItsReadTimeout() throws Exception {
        LogCapture log = new LogCapture();
        try (ThreadPerConnectionServer server = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 50,
                Threads.VIRTUAL, new DigestHandler(DigestHandler.DEFAULT_MAX, 300), log.log());
             Socket idle = TestSockets.connect(server.start())) {
            idle.getOutputStream().write("half a requ".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            assertEquals(-1, idle.getInputStream().read(), "closed by the server");
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMs >= 250, "closed after " + waitedMs + " ms, before its timeout");
            String line = log.awaitLines(1).get(0);
            assertTrue(line.endsWith(": nothing received for 300 ms after 11 bytes; closing"), line);
        }
    }

    /**
     * A client over the limit that keeps sending is read for a bounded time and a bounded number of bytes
     * (so it can read the error line), then cut off; it cannot make the server swallow gigabytes.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aRefusedRequestIsDrainedWithinBoundsThenCutOff() throws Exception {
        try (ThreadPerConnectionServer server = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 50,
                Threads.VIRTUAL, new DigestHandler(1000), sockets.common.PeerLog.discard());
             Socket client = TestSockets.connect(server.start())) {
            OutputStream out = client.getOutputStream();
            byte[] block = new byte[64 * 1024];
            long[] sent = {0};
            assertThrows(SocketException.class, () -> {
                for (long i = 0; i < 100_000; i++) { // 6.5 GB: far more than any drain may take
                    out.write(block);
                    sent[0] += block.length;
                }
            });
            // The drain's bytes, plus what both kernels' buffers held when the server closed.
            long bound = 1000 + DigestHandler.DRAIN_BYTES + 32L * 1024 * 1024;
            assertTrue(sent[0] < bound, "the server took " + sent[0] + " bytes before cutting off; bound " + bound);
        }
    }
}
