package sockets.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;
import sockets.common.PeerLog;
import sockets.common.testing.TestSockets;

/** A client that sends and never reads cannot grow the server's memory, and nobody else waits for it. */
class BackpressureTest {
    private static final int LIMIT = 64 * 1024;

    @Test
    void aClientThatNeverReadsIsCappedAndOthersKeepBeingServed() throws Exception {
        try (SelectorServer server = new SelectorServer(TestSockets.anyLoopbackPort(), 50, 1, Protocol.ECHO, LIMIT,
                PeerLog.discard())) {
            InetSocketAddress address = (InetSocketAddress) server.start();
            try (SocketChannel hog = SocketChannel.open(address); Socket polite = TestSockets.connect(address)) {
                hog.configureBlocking(false);
                ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
                long sent = 0;
                int stalls = 0;
                // Send 64 MiB, or until the server stops reading us (our writes take nothing 200 times in a row),
                // within 40 s and a million tries: on a busy machine the server may be slow to read for a while,
                // so a thousand writes are no bound.
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(40);
                for (int i = 0; i < 1_000_000 && stalls < 200 && sent < 64L * 1024 * 1024
                        && System.nanoTime() < deadline; i++) {
                    chunk.clear();
                    int n = hog.write(chunk);
                    sent += n;
                    stalls = n == 0 ? stalls + 1 : 0;
                    if (n == 0) {
                        // the polite client is served between the hog's attempts
                        byte[] ping = TestSockets.randomBytes(i, 100);
                        polite.getOutputStream().write(ping);
                        assertArrayEquals(ping, polite.getInputStream().readNBytes(ping.length), "served meanwhile");
                    }
                }
                assertTrue(stalls >= 200, "the hog's writes stopped being taken after " + sent + " bytes");
                assertTrue(server.mostPendingBytes() <= server.pendingBound(), "the server held at most "
                        + server.mostPendingBytes() + " bytes for one client; bound " + server.pendingBound());
                assertTrue(sent < 64L * 1024 * 1024, "the server stopped reading long before 64 MiB: " + sent);
                System.out.printf("backpressure: hog sent %,d bytes before stalling; server held at most %,d (limit %,d)%n",
                        sent, server.mostPendingBytes(), LIMIT);
            }
        }
    }
}
