package sockets.shutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sockets.common.testing.SocketTable;
import sockets.common.testing.TestSockets;

/** The HOWTO's "Disconnecting": shutdown, close, linger, and what the peer sees of each. */
class DisconnectingTest {
    private ServerSocket listener;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 5, TestSockets.loopback());
    }

    @AfterEach
    void close() throws IOException {
        listener.close();
    }

    /** A client and the server's accepted socket for it: [client, served], reads bounded. */
    private Socket[] pair() throws IOException {
        Socket client = TestSockets.connect((InetSocketAddress) listener.getLocalSocketAddress());
        Socket served = listener.accept();
        served.setSoTimeout(TestSockets.TIMEOUT_MS);
        return new Socket[] {client, served};
    }

    @Test
    void afterShutdownOutputThePeerReadsEndOfStreamAndTheHalfClosedSideStillReadsTheReply() throws IOException {
        Socket[] p = pair();
        try (Socket client = p[0]; Socket served = p[1]) {
            client.getOutputStream().write("request".getBytes(StandardCharsets.US_ASCII));
            client.shutdownOutput();
            assertEquals("request", new String(served.getInputStream().readAllBytes(), StandardCharsets.US_ASCII),
                    "the server reads the request, then -1");
            served.getOutputStream().write("reply".getBytes(StandardCharsets.US_ASCII));
            served.close();
            assertEquals("reply", new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aWriteAfterShutdownOutputFails() throws IOException {
        Socket[] p = pair();
        try (Socket client = p[0]; Socket served = p[1]) {
            client.shutdownOutput();
            assertThrows(SocketException.class, () -> client.getOutputStream().write(1));
        }
    }

    @Test
    void aReadAfterShutdownInputReturnsMinusOne() throws IOException {
        Socket[] p = pair();
        try (Socket client = p[0]; Socket served = p[1]) {
            InputStream in = client.getInputStream(); // Java refuses to hand out the stream once input is shut down
            client.shutdownInput();
            assertEquals(-1, in.read());
        }
    }

    @Test
    void lingerZeroThenCloseMakesThePeersReadFailWithAResetNotEndOfStream() throws IOException {
        Socket[] p = pair();
        try (Socket client = p[0]; Socket served = p[1]) {
            served.setSoLinger(true, 0);
            served.close();
            SocketException reset = assertThrows(SocketException.class, () -> client.getInputStream().read());
            assertTrue(reset.getMessage().contains("reset"), reset.getMessage());
        }
    }

    /**
     * Linux: closing a socket whose receive buffer still holds unread bytes sends RST. (Java's close() sends
     * a FIN first, so the peer reads -1; but the RST follows at once, and the peer's very next write fails,
     * where after a clean close it would succeed: see the next test.)
     */
    @Test
    void closingWithUnreadDataInTheReceiveBufferResetsTheConnection() throws IOException {
        Socket[] p = pair();
        try (Socket client = p[0]; Socket served = p[1]) {
            client.getOutputStream().write(new byte[100]);
            served.getInputStream().read(); // the rest, 99 bytes, stays unread
            served.close();
            assertEquals(-1, client.getInputStream().read(), "Java's FIN came first");
            SocketException reset = assertThrows(SocketException.class, () -> client.getOutputStream().write(1),
                    "the very first write fails: the connection was reset");
            assertTrue(reset.getMessage().contains("Broken pipe") || reset.getMessage().contains("reset"),
                    reset.getMessage());
        }
    }

    /**
     * The first write after the peer has closed goes into our buffer and "succeeds"; the peer's kernel
     * answers it with RST, and a later write fails (broken pipe, or connection reset).
     */
    @Test
    void writingToAPeerThatHasClosedSucceedsAtFirstThenFails() throws IOException {
        Socket[] p = pair();
        try (Socket client = p[0]) {
            p[1].close();
            assertEquals(-1, client.getInputStream().read(), "the FIN has arrived");
            client.getOutputStream().write(1); // accepted by our kernel: nothing is known to be wrong yet
            SocketException failed = null;
            for (int i = 0; i < 100 && failed == null; i++) {
                try {
                    client.getOutputStream().write(new byte[1024]);
                } catch (SocketException e) {
                    failed = e;
                }
            }
            assertTrue(failed != null, "a later write failed");
            String message = failed.getMessage();
            assertTrue(message.contains("Broken pipe") || message.contains("reset"), message);
        }
    }

    /**
     * The HOWTO: don't rely on garbage collection to close sockets. A socket nobody references is still
     * open: its peer gets no end of stream, only a timeout. Java's socket does have a cleaner, so a garbage
     * collection closes it eventually, which is exactly the problem: "eventually" is when the heap fills.
     */
    @Test
    void anUnreachableButUnclosedSocketGivesThePeerNoEndOfStreamUntilSomethingClosesIt() throws IOException {
        // A collection that happens to run between the forgetting and the read (the JVM runs one when it
        // likes) closes the socket early: that is the claim's own second half, so try again with a new one.
        // An end of stream with no collection in between fails: nothing else may close a forgotten socket.
        Socket served = null;
        for (int attempt = 0; attempt < 5 && served == null; attempt++) {
            long collectionsBefore = collections();
            Socket candidate = openAndForgetAClient();
            candidate.setSoTimeout(300);
            try {
                int early = candidate.getInputStream().read();
                candidate.close();
                assertTrue(collections() > collectionsBefore,
                        "no EOF without a collection: the forgotten socket must still be open, read gave " + early);
            } catch (SocketTimeoutException stillOpen) {
                served = candidate; // no EOF: the forgotten socket is still open
            }
        }
        assertTrue(served != null, "five forgotten sockets were each closed early by a collection");
        InputStream in = served.getInputStream();
        int result = 0;
        for (int i = 0; i < 100 && result != -1; i++) {
            System.gc(); // now the socket's cleaner may run, and close it
            try {
                result = in.read();
            } catch (SocketTimeoutException stillOpen) {
                result = 0;
            }
        }
        assertEquals(-1, result, "closed at last, by the garbage collector's cleaner");
        served.close();
    }

    /**
     * {@code shutdownInput} sends nothing: TCP has no way to tell a peer "stop sending". The peer learns
     * nothing, its writes go on succeeding, and it sees no end of stream.
     */
    @Test
    void afterShutdownInputThePeerLearnsNothingAndItsWritesStillSucceed() throws IOException {
        Socket[] ends = pair();
        try (Socket client = ends[0]; Socket served = ends[1]) {
            client.shutdownInput();
            for (int i = 0; i < 100; i++) {
                served.getOutputStream().write(new byte[1024]); // accepted: nothing told the peer to stop
            }
            served.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> served.getInputStream().read(),
                    "no FIN came: the half that shut its input still looks open to the peer");
            client.getOutputStream().write(7); // and the shut side can still send
            served.setSoTimeout(TestSockets.TIMEOUT_MS);
            assertEquals(7, served.getInputStream().read());
        }
    }

    /**
     * The HOWTO: close is, for the peer, a shutdown followed by a close. Whether a side calls
     * {@code shutdownOutput()} then {@code close()}, or only {@code close()}, its peer sees the same: every
     * byte sent, then end of stream. (No garbage collector involved: an explicit close, as it should be.)
     */
    @Test
    void closeAloneAndShutdownThenCloseLookTheSameToThePeer() throws IOException {
        for (boolean shutdownFirst : new boolean[] {true, false}) {
            Socket[] ends = pair();
            try (Socket served = ends[1]) {
                Socket client = ends[0];
                client.getOutputStream().write("last words".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                if (shutdownFirst) {
                    client.shutdownOutput();
                }
                client.close();
                assertEquals("last words", new String(served.getInputStream().readAllBytes(),
                        java.nio.charset.StandardCharsets.US_ASCII), "shutdown first: " + shutdownFirst);
            }
        }
    }

    /**
     * The side that closes first keeps the connection in TIME_WAIT (about 60 s on Linux), and while it does,
     * the port is not free to bind again: ephemeral ports are recycled only after TIME_WAIT.
     * (Linux may still reuse such a port for a new outgoing connection to loopback when TCP timestamps make
     * it safe: {@code net.ipv4.tcp_tw_reuse}, 2 by default, meaning loopback only. A plain bind is refused.)
     */
    @Test
    void aPortInTimeWaitCannotBeBoundAgainUntilTimeWaitEnds() throws IOException {
        SocketTable.assumeAvailable();
        InetSocketAddress server = (InetSocketAddress) listener.getLocalSocketAddress();
        InetSocketAddress local;
        try (Socket client = new Socket()) {
            client.bind(new InetSocketAddress(TestSockets.loopback(), 0));
            client.connect(server, TestSockets.TIMEOUT_MS);
            local = (InetSocketAddress) client.getLocalSocketAddress();
            try (Socket served = listener.accept()) {
                client.close(); // the client closes first: its side goes to TIME_WAIT
                assertEquals(-1, served.getInputStream().read());
            }
        }
        assertEquals("TIME-WAIT", SocketTable.stateOf(local, server), "the side that closed first");
        try (Socket again = new Socket()) {
            java.net.BindException refused = assertThrows(java.net.BindException.class, () -> again.bind(local));
            assertTrue(refused.getMessage().contains("Address already in use"), refused.getMessage());
        }
    }

    private static long collections() {
        long sum = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, collector.getCollectionCount());
        }
        return sum;
    }

    private Socket openAndForgetAClient() throws IOException {
        TestSockets.connect((InetSocketAddress) listener.getLocalSocketAddress()); // never closed, never kept
        return listener.accept();
    }
}
