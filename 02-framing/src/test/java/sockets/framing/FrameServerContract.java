package sockets.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import sockets.common.Endpoints;
import sockets.common.grading.Connector;
import sockets.common.grading.Peer;
import sockets.common.testing.GradedChecks;
import sockets.common.testing.LogCapture;
import sockets.common.testing.TestSockets;
import sockets.framing.grading.FrameTargets;

/**
 * What every frame echo server in this repository must do, whatever its I/O style: echo each message
 * framed the same way, and end only the connection of a peer that breaks the framing, with one log line
 * naming it. Subclass it and start your server in {@link #startServer}.
 */
@Timeout(value = 15, unit = TimeUnit.SECONDS) // a server or decoder of yours that hangs fails in seconds, not the default 60
public abstract class FrameServerContract {
    private final LogCapture log = new LogCapture();

    /**
     * Starts a server speaking {@code framing} on a free loopback port, holding what its peers send within
     * {@code budget} (shared by all its connections), logging peer faults to {@code log}.
     */
    protected abstract SocketAddress startServer(Framing framing, MemoryBudget budget, PrintStream log) throws Exception;

    /** Stops it; after this returns every log line has been written. */
    protected abstract void stopServer() throws Exception;

    @AfterEach
    final void stop() throws Exception {
        stopServer();
    }

    private InetSocketAddress start(Framing framing) throws Exception {
        return (InetSocketAddress) startServer(framing, new MemoryBudget(MemoryBudget.DEFAULT), log.stream());
    }

    private Connector connector(InetSocketAddress address) {
        return () -> Peer.tcp(address, TestSockets.TIMEOUT_MS);
    }

    /**
     * Every check {@code grade frame-server} runs, from the same target ({@link FrameTargets#frameServer}), for
     * three framings (a length header, a delimiter, both): a check added to the grader is a test here. Each
     * framing gets a server of its own, started when JUnit reaches its group (the streams are consumed lazily,
     * one node at a time), and its checks run one after the other against it, as the grader runs them.
     */
    @TestFactory
    Stream<DynamicContainer> everyCheckTheGraderRuns() {
        return Stream.<Framing>of(new LengthPrefixFraming(LengthPrefixFraming.DEFAULT_MAX),
                        new NetstringFraming(NetstringFraming.DEFAULT_MAX), new LineFraming(LineFraming.DEFAULT_MAX))
                .map(framing -> DynamicContainer.dynamicContainer("--framing " + framing.name(),
                        Stream.of(framing).flatMap(this::checksAgainstANewServer)));
    }

    private Stream<DynamicTest> checksAgainstANewServer(Framing framing) {
        try {
            stopServer(); // the previous framing's
            InetSocketAddress address = start(framing);
            return GradedChecks.asTests(FrameTargets.frameServer(framing), address, connector(address));
        } catch (Exception e) {
            throw new IllegalStateException("could not start a server speaking " + framing.name(), e);
        }
    }

    /**
     * A reply leaves in one piece. Written as a header and then a payload, the payload would wait for the
     * header's acknowledgement (Nagle's algorithm against delayed ACKs): 40 ms a round trip on Linux.
     */
    @Test
    void aReplyIsNotHeldBackByNaglesAlgorithm() throws Exception {
        Framing framing = new LengthPrefixFraming(LengthPrefixFraming.DEFAULT_MAX);
        try (Socket socket = TestSockets.connect(start(framing))) {
            socket.setTcpNoDelay(true);
            FrameWriter writer = new FrameWriter(socket.getOutputStream(), framing);
            FrameReader reader = new FrameReader(socket.getInputStream(), framing.newDecoder());
            long[] times = new long[21];
            for (int i = 0; i < times.length; i++) {
                long start = System.nanoTime();
                writer.write(bytes("ping " + i));
                assertArrayEquals(bytes("ping " + i), reader.read());
                times[i] = System.nanoTime() - start;
            }
            java.util.Arrays.sort(times);
            long medianMs = times[times.length / 2] / 1_000_000;
            assertTrue(medianMs < 20, "median round trip " + medianMs + " ms: a reply held back by Nagle takes 40");
        }
    }

    @Test
    void keepsServingAWellBehavedClientWhileOthersSendGarbageAndOversizedFrames() throws Exception {
        Framing framing = new NetstringFraming(1000);
        InetSocketAddress address = start(framing);
        try (Socket good = TestSockets.connect(address);
             Socket garbage = TestSockets.connect(address);
             Socket oversized = TestSockets.connect(address)) {
            FrameWriter writer = new FrameWriter(good.getOutputStream(), framing);
            FrameReader reader = new FrameReader(good.getInputStream(), framing.newDecoder());
            writer.write(bytes("before"));
            assertArrayEquals(bytes("before"), reader.read());

            garbage.getOutputStream().write(bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
            oversized.getOutputStream().write(bytes("99999999:"));
            assertClosedByServer(garbage);
            assertClosedByServer(oversized);

            for (int i = 0; i < 20; i++) {
                writer.write(bytes("after " + i));
                assertArrayEquals(bytes("after " + i), reader.read());
            }
            List<String> lines = log.awaitLines(2);
            assertEquals(2, lines.size(), "one line per faulty peer: " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("peer " + Endpoints.format(garbage.getLocalSocketAddress()))
                    && l.contains("netstring length has 'G' (0x47), not a digit or ':'")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("peer " + Endpoints.format(oversized.getLocalSocketAddress()))
                    && l.contains("exceeds maximum 1000")), lines.toString());
        }
    }

    @Test
    void aPeerClosingInTheMiddleOfAMessageIsLoggedAsTruncated() throws Exception {
        Framing framing = new LengthPrefixFraming(LengthPrefixFraming.DEFAULT_MAX);
        try (Socket socket = TestSockets.connect(start(framing))) {
            socket.getOutputStream().write(new byte[] {0, 0, 0, 10, 1, 2, 3});
            socket.shutdownOutput();
            assertEquals(-1, socket.getInputStream().read());
        }
        String line = log.awaitLines(1).get(0);
        assertTrue(line.contains("connection closed after 3 of 10 payload bytes"), line);
    }

    /**
     * A header is only a claim: two hundred peers that each declare a 1 MiB frame and send one byte cost
     * the server one small buffer each, not 200 MiB. Memory follows the bytes that really arrived.
     */
    @Test
    void aDeclaredLengthCostsNothingUntilItsBytesArrive() throws Exception {
        Framing framing = new LengthPrefixFraming(LengthPrefixFraming.DEFAULT_MAX);
        MemoryBudget budget = new MemoryBudget(MemoryBudget.DEFAULT);
        InetSocketAddress address = (InetSocketAddress) startServer(framing, budget, log.stream());
        List<Socket> liars = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket liar = TestSockets.connect(address);
                liars.add(liar);
                liar.getOutputStream().write(new byte[] {0, 0x10, 0, 0, 42}); // 1 MiB declared, 1 byte sent
            }
            assertEchoes(address, framing, bytes("served while 200 liars wait"));
        } finally {
            for (Socket liar : liars) {
                liar.close();
            }
        }
        long bound = 201L * 4096 + 32 * 1024; // a first buffer per liar and for the good message, and its reply queued
        assertTrue(budget.mostHeld() <= bound, "the server held at most " + budget.mostHeld() + " bytes for 200"
                + " declared megabytes; bound " + bound);
    }

    /**
     * The limit per frame is not enough: the server's budget is for all its peers together. A peer whose
     * frame would take the server over it is disconnected, named in one line; the bytes held come back as
     * soon as frames are delivered, and the server serves on.
     */
    @Test
    void aFrameThatWouldTakeTheServerOverItsBudgetEndsThatConnectionOnly() throws Exception {
        Framing framing = new LengthPrefixFraming(LengthPrefixFraming.DEFAULT_MAX);
        MemoryBudget budget = new MemoryBudget(96 * 1024);
        InetSocketAddress address = (InetSocketAddress) startServer(framing, budget, log.stream());
        byte[] header = {0, 0x10, 0, 0}; // 1 MiB each: within the frame limit
        try (Socket first = TestSockets.connect(address); Socket second = TestSockets.connect(address)) {
            first.getOutputStream().write(header);
            first.getOutputStream().write(new byte[40 * 1024]);
            awaitHeld(budget, 40 * 1024); // the first peer's bytes are in the server before the second's
            second.getOutputStream().write(header);
            try {
                for (int i = 0; i < 1024; i++) {
                    second.getOutputStream().write(new byte[1024]);
                }
            } catch (IOException refused) {
                // the server closed it mid-frame: exactly what this test is for
            }
            assertClosedByServer(second);
            String line = log.awaitLines(1).get(0);
            assertTrue(line.startsWith("peer " + Endpoints.format(second.getLocalSocketAddress()) + ": server memory"
                    + " budget spent"), line);
        }
        assertTrue(budget.mostHeld() <= budget.limit(), "held " + budget.mostHeld() + " of " + budget.limit());
        assertEchoes(address, framing, new byte[10_000]); // both gone, their memory given back
    }

    /** Waits (bounded) until the server holds {@code bytes}: a state it shows, not a duration to guess. */
    private static void awaitHeld(MemoryBudget budget, long bytes) {
        long deadline = System.nanoTime() + TestSockets.TIMEOUT_MS * 1_000_000L;
        while (budget.held() < bytes) {
            assertTrue(System.nanoTime() < deadline, "the server never held " + bytes + " bytes: " + budget);
            Thread.onSpinWait();
        }
    }

    private static void assertEchoes(InetSocketAddress address, Framing framing, byte[] message) throws IOException {
        try (Socket socket = TestSockets.connect(address)) {
            new FrameWriter(socket.getOutputStream(), framing).write(message);
            assertArrayEquals(message, new FrameReader(socket.getInputStream(), framing.newDecoder()).read());
        }
    }

    private static void assertClosedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            assertEquals(-1, in.read(), "the server closed this connection");
        } catch (java.net.SocketException reset) {
            // Closed with our bytes unread, the server's kernel answers with a reset: closed all the same.
            assertTrue(reset.getMessage().contains("reset"), reset.getMessage());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
