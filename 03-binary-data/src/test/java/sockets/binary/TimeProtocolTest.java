package sockets.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.common.PeerLog;
import sockets.common.testing.TestSockets;

/** RFC 868 over a real socket, and the 2036 wrap. */
class TimeProtocolTest {

    private static ThreadPerConnectionServer server(Clock clock) {
        return new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 5, Threads.VIRTUAL, new TimeHandler(clock),
                PeerLog.discard());
    }

    @Test
    void serverAndClientAgreeWithThisMachinesClockWithinTwoSeconds() throws Exception {
        try (ThreadPerConnectionServer server = server(Clock.systemUTC())) {
            InetSocketAddress address = server.start();
            Instant before = Instant.now();
            Instant told = TimeClient.query(address, TestSockets.TIMEOUT_MS);
            Instant after = Instant.now();
            assertTrue(!told.isBefore(before.minusSeconds(2)) && !told.isAfter(after.plusSeconds(2)),
                    "told " + told + ", clock between " + before + " and " + after);
        }
    }

    @Test
    void theServerSendsExactlyFourBytesThenCloses() throws Exception {
        Instant fixed = Instant.parse("1976-01-01T00:00:00Z");
        try (ThreadPerConnectionServer server = server(Clock.fixed(fixed, ZoneOffset.UTC));
             Socket socket = TestSockets.connect(server.start())) {
            byte[] all = socket.getInputStream().readAllBytes();
            assertEquals("8e f3 05 00", Hex.of(all), "2,398,291,200 big-endian, then end of stream");
        }
    }

    @Test
    void aValueWithItsTopBitSetIsIn1968To2036() throws Exception {
        assertEquals(Instant.parse("1968-01-20T03:14:08Z"), TimeProtocol.decode(Hex.parse("80000000")));
        assertEquals(Instant.parse("2036-02-07T06:28:15Z"), TimeProtocol.decode(Hex.parse("ffffffff")));
    }

    @Test
    void aValueWithoutItsTopBitIsAfterTheWrapIn2036() throws Exception {
        assertEquals(Instant.parse("2036-02-07T06:28:16Z"), TimeProtocol.decode(Hex.parse("00000000")));
        assertEquals(Instant.parse("2104-02-26T09:42:23Z"), TimeProtocol.decode(Hex.parse("7fffffff")));
    }

    @Test
    void aServerAfterTheWrapSendsTheCountModuloTwoToThe32AndTheClientStillDecodesIt() throws Exception {
        Instant future = Instant.parse("2040-06-01T12:00:00Z");
        try (ThreadPerConnectionServer server = server(Clock.fixed(future, ZoneOffset.UTC))) {
            assertEquals(future, TimeClient.query(server.start(), TestSockets.TIMEOUT_MS));
        }
    }

    @Test
    void aServerThatClosesEarlyGivesTheClientAnError() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 5, TestSockets.loopback())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = fake.accept()) {
                    s.getOutputStream().write(new byte[] {1, 2});
                } catch (java.io.IOException e) {
                    // the client has gone; nothing to add
                }
            });
            EOFException fault = assertThrows(EOFException.class,
                    () -> TimeClient.query((InetSocketAddress) fake.getLocalSocketAddress(), TestSockets.TIMEOUT_MS));
            assertEquals("127.0.0.1:" + fake.getLocalPort() + " closed after 2 of 4 time bytes", fault.getMessage());
        }
    }

    @Test
    void theWrapIsOneEraOfTwoToThe32Seconds() {
        Instant wrap = Instant.parse("2036-02-07T06:28:16Z");
        assertEquals(TimeProtocol.ERA, Duration.between(Instant.parse("1900-01-01T00:00:00Z"), wrap).getSeconds());
    }
}
