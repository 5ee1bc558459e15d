package sockets.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import sockets.common.PeerLog;
import sockets.common.testing.LogCapture;
import sockets.common.testing.TestSockets;

/** A server's log: lines a peer can cause are rate-limited, and what is dropped is counted, not lost silently. */
class PeerLogTest {
    private static final InetSocketAddress PEER = new InetSocketAddress(TestSockets.loopback(), 4321);

    @Test
    void aFloodOfEventsPrintsABurstThenNoMoreThanTheRate() {
        LogCapture capture = new LogCapture();
        PeerLog log = capture.log();
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            log.event(PEER, "bad datagram " + i);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> lines = capture.text().lines().toList();
        assertTrue(lines.size() >= PeerLog.BURST, "the first burst is printed whole: " + lines.size());
        assertTrue(lines.size() <= PeerLog.BURST + 1 + seconds * PeerLog.PER_SECOND,
                lines.size() + " lines printed for 10,000 events in " + seconds + " s");
        assertEquals("peer 127.0.0.1:4321: bad datagram 0", lines.get(0));
    }

    @Test
    void theNextLinePrintedSaysHowManyWereDropped() {
        LogCapture capture = new LogCapture();
        PeerLog log = capture.log();
        for (int i = 0; i < PeerLog.BURST + 50; i++) {
            log.event(PEER, "x");
        }
        // Refill enough for one more line: the rate is per second, so wait out one token's time.
        long refill = System.nanoTime() + 1_000_000_000L / PeerLog.PER_SECOND + 1_000_000;
        while (System.nanoTime() < refill) {
            Thread.onSpinWait();
        }
        log.event(PEER, "after the flood");
        List<String> lines = capture.text().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("peer 127.0.0.1:4321: after the flood ("), last);
        assertTrue(last.contains(" earlier lines dropped"), last);
    }

    @Test
    void aServerEventNamesTheServerNotAPeer() {
        LogCapture capture = new LogCapture();
        capture.log().server(PEER, "accept failed: Too many open files");
        assertEquals("server 127.0.0.1:4321: accept failed: Too many open files", capture.text().strip());
    }
}
