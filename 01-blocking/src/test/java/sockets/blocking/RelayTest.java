package sockets.blocking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sockets.blocking.grading.EchoChecks;
import sockets.common.HostPort;
import sockets.common.PeerLog;
import sockets.common.grading.Peer;
import sockets.common.testing.TestSockets;

/** The relay: a server that is also a client, and the fault injector later chapters test through. */
class RelayTest {
    private final ByteArrayOutputStream relayLog = new ByteArrayOutputStream();
    private ThreadPerConnectionServer relay;

    private final java.util.List<Socket> opened = new java.util.ArrayList<>();

    @AfterEach
    void stopRelay() throws java.io.IOException {
        for (Socket socket : opened) {
            socket.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    private InetSocketAddress startRelay(InetSocketAddress target, Relay.Faults faults) throws Exception {
        PeerLog log = new PeerLog(new PrintStream(relayLog, true, StandardCharsets.UTF_8));
        relay = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 50, Threads.VIRTUAL,
                new Relay(new HostPort(target.getAddress().getHostAddress(), target.getPort()), faults,
                        TestSockets.TIMEOUT_MS, Threads.VIRTUAL), log);
        return relay.start();
    }

    /**
     * One write of 32 bytes, forwarded a byte at a time 20 ms apart: the receiver's first read
     * returns what has arrived, far fewer than 32 bytes. (For it to see all 32 at once it would have
     * to be kept from running for over 600 ms.)
     */
    @Test
    void oneReadReturnsFewerBytesThanWereSentInOneWrite() throws Exception {
        byte[] message = TestSockets.randomBytes(1, 32);
        try (ServerSocket target = new ServerSocket(0, 5, TestSockets.loopback())) {
            Socket[] ends = sendThroughRelay(target, new Relay.Faults(1, 20), message);
            Socket served = ends[1];
            byte[] buffer = new byte[message.length];
            int first = served.getInputStream().read(buffer);
            assertTrue(first >= 1 && first < message.length, "first read returned " + first + " of " + message.length);
        }
    }

    @Test
    void readNBytesGetsTheWholeMessageHoweverItIsCut() throws Exception {
        byte[] message = TestSockets.randomBytes(2, 32);
        try (ServerSocket target = new ServerSocket(0, 5, TestSockets.loopback())) {
            Socket served = sendThroughRelay(target, new Relay.Faults(1, 5), message)[1];
            assertArrayEquals(message, served.getInputStream().readNBytes(message.length));
        }
    }

    @Test
    void forwardsBothWaysIntactInSmallChunks() throws Exception {
        try (ThreadPerConnectionServer echo = SocketBasicsTest.echoServer(TestSockets.anyLoopbackPort())) {
            InetSocketAddress through = startRelay(echo.start(), new Relay.Faults(3, 0));
            byte[] data = TestSockets.randomBytes(3, 256 * 1024);
            try (Peer peer = Peer.tcp(through, TestSockets.TIMEOUT_MS)) {
                assertEquals(TestSockets.crc(data), TestSockets.crc(EchoChecks.streamThrough(peer, data)));
            }
        }
    }

    @Test
    void passesAHalfCloseThroughSoTheFarSideCanStillAnswer() throws Exception {
        try (ServerSocket target = new ServerSocket(0, 5, TestSockets.loopback());
             Socket client = TestSockets.connect(startRelay(address(target), Relay.Faults.NONE));
             Socket served = target.accept()) {
            served.setSoTimeout(TestSockets.TIMEOUT_MS);
            client.getOutputStream().write("request".getBytes(StandardCharsets.US_ASCII));
            client.shutdownOutput();
            InputStream in = served.getInputStream();
            assertEquals("request", new String(in.readAllBytes(), StandardCharsets.US_ASCII),
                    "the far side reads the request, then end of stream");
            served.getOutputStream().write("reply".getBytes(StandardCharsets.US_ASCII));
            served.close();
            assertEquals("reply", new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void closesTheClientAndSaysSoWhenTheTargetIsDown() throws Exception {
        InetSocketAddress nobody;
        try (ServerSocket probe = new ServerSocket(0, 1, TestSockets.loopback())) {
            nobody = address(probe);
        }
        try (Socket client = TestSockets.connect(startRelay(nobody, Relay.Faults.NONE))) {
            assertEquals(-1, client.getInputStream().read(), "the relay closes the client's connection");
        }
        relay.close(); // every handler has finished, so its log line is written
        String log = relayLog.toString(StandardCharsets.UTF_8);
        assertEquals(1, log.lines().count(), log);
        assertTrue(log.startsWith("peer 127.0.0.1:") && log.contains("cannot connect to " + nobody.getAddress()
                .getHostAddress() + ":" + nobody.getPort()), log);
    }

    /**
     * Connects a client to {@code target} through a relay with {@code faults} and sends {@code message}.
     * Returns the client's socket and the target's accepted socket; {@link #stopRelay()} and the
     * target's close end them.
     */
    private Socket[] sendThroughRelay(ServerSocket target, Relay.Faults faults, byte[] message) throws Exception {
        Socket client = TestSockets.connect(startRelay(address(target), faults));
        Socket served = target.accept();
        opened.add(client);
        opened.add(served);
        served.setSoTimeout(TestSockets.TIMEOUT_MS);
        client.getOutputStream().write(message);
        return new Socket[] {client, served};
    }

    private static InetSocketAddress address(ServerSocket listener) {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }
}
