package sockets.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import sockets.binary.TimeProtocol;
import sockets.common.testing.LogCapture;
import sockets.common.testing.TestSockets;

/** SNTP (RFC 4330): the packet, the timestamps, and our client against our server. */
class SntpTest {

    @Test
    void aPacketRoundTripsThroughItsFortyEightBytes() throws Exception {
        SntpPacket packet = new SntpPacket(1, 4, 4, 2, 6, -20, 0x00012345, 0x00000678, "", 0x1234_5678_9abc_def0L,
                0x0fed_cba9_8765_4321L, 0x1111_2222_3333_4444L, 0x5555_6666_7777_8888L);
        ByteBuffer wire = packet.encode();
        assertEquals(48, wire.remaining());
        assertEquals(packet, SntpPacket.decode(wire));
    }

    /** Byte 0 of a version-4 client request: LI 0, VN 4, mode 3 = 00 100 011 = 0x23. */
    @Test
    void aClientRequestStartsWith0x23() {
        assertEquals(0x23, SntpPacket.request(0).encode().get(0));
    }

    @Test
    void ntpTimestampsKeepSubMicrosecondPrecisionAndTheRfc868Seconds() {
        Instant t = Instant.parse("2026-11-22T06:00:00.123456789Z");
        Instant back = NtpTimestamp.toInstant(NtpTimestamp.of(t));
        assertTrue(Duration.between(t, back).abs().toNanos() <= 1, "back " + back);
        assertEquals(TimeProtocol.seconds(t), NtpTimestamp.of(t) >>> 32, "the high half is RFC 868's count");
        assertEquals(0x8000_0000L, NtpTimestamp.of(Instant.parse("1968-01-20T03:14:08Z")) >>> 32);
    }

    /**
     * With one clock on both ends, t1 <= t2 <= t3 <= t4, so the computed offset can be wrong by at most half
     * the round trip, whatever the machine's load: that bound, not a fixed figure, is what is asserted. The
     * delay is checked against the query's own wall time, measured around it here.
     */
    @Test
    void ourClientAgainstOurServerReportsAnOffsetWithinHalfTheRoundTripAndASaneDelay() throws Exception {
        try (UdpServer server = new UdpServer(TestSockets.anyLoopbackPort(), new SntpHandler(Clock.systemUTC()),
                new LogCapture().log())) {
            InetSocketAddress address = server.start();
            long start = System.nanoTime();
            SntpClient.Result result = SntpClient.query(address, Duration.ofSeconds(5));
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            assertOffsetWithinHalfTheDelay(Duration.ZERO, result);
            assertTrue(!result.delay().isNegative() && result.delay().compareTo(wall) <= 0,
                    "delay " + result.delay() + " within the query's wall time " + wall);
            assertEquals(1, result.stratum());
            assertEquals("LOCL", result.referenceId());
        }
    }

    @Test
    void aServerThatIsAheadShowsAsAPositiveOffset() throws Exception {
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofSeconds(3));
        try (UdpServer server = new UdpServer(TestSockets.anyLoopbackPort(), new SntpHandler(ahead), new LogCapture().log())) {
            assertOffsetWithinHalfTheDelay(Duration.ofSeconds(3), SntpClient.query(server.start(), Duration.ofSeconds(5)));
        }
    }

    /** |offset - trueOffset| <= delay / 2, plus a microsecond for the clock's and the timestamps' rounding. */
    static void assertOffsetWithinHalfTheDelay(Duration trueOffset, SntpClient.Result result) {
        Duration error = result.offset().minus(trueOffset).abs();
        Duration bound = result.delay().dividedBy(2).plusNanos(1_000);
        assertTrue(error.compareTo(bound) <= 0, "offset " + result.offset() + ", true offset " + trueOffset
                + ", delay " + result.delay() + ": off by " + error + ", more than half the delay");
    }

    @Test
    void malformedPacketsAreRefusedWithTypedErrors() {
        SntpHandler handler = new SntpHandler(Clock.systemUTC());
        InetSocketAddress from = TestSockets.anyLoopbackPort();
        MalformedPacketException shortOne = assertThrows(MalformedPacketException.class,
                () -> handler.handle(ByteBuffer.allocate(20), from));
        assertEquals("packet of 20 bytes; SNTP needs 48", shortOne.getMessage());
        ByteBuffer serverMode = new SntpPacket(0, 4, 4, 1, 0, 0, 0, 0, "", 0, 0, 0, 1).encode();
        assertThrows(MalformedPacketException.class, () -> handler.handle(serverMode, from));
        ByteBuffer version7 = new SntpPacket(0, 7, 3, 0, 0, 0, 0, 0, "", 0, 0, 0, 1).encode();
        MalformedPacketException wrongVersion = assertThrows(MalformedPacketException.class,
                () -> handler.handle(version7, from));
        assertEquals("version 7 is not SNTP (1 to 4)", wrongVersion.getMessage());
    }

    @Test
    void theServerLogsEachMalformedPacketAndKeepsServing() throws Exception {
        LogCapture log = new LogCapture();
        try (UdpServer server = new UdpServer(TestSockets.anyLoopbackPort(), new SntpHandler(Clock.systemUTC()), log.log());
             DatagramChannel rogue = DatagramChannel.open()) {
            InetSocketAddress address = server.start();
            rogue.send(ByteBuffer.allocate(3), address);
            rogue.send(new SntpPacket(0, 4, 4, 1, 0, 0, 0, 0, "", 0, 0, 0, 1).encode(), address);
            rogue.send(new SntpPacket(0, 0, 3, 0, 0, 0, 0, 0, "", 0, 0, 0, 1).encode(), address);
            List<String> lines = log.awaitLines(3);
            assertEquals(3, lines.size(), lines.toString());
            assertTrue(lines.stream().allMatch(l -> l.startsWith("peer 127.0.0.1:")), lines.toString());
            assertOffsetWithinHalfTheDelay(Duration.ZERO, SntpClient.query(address, Duration.ofSeconds(5)));
        }
    }

    @Test
    void rfc868OverUdpAgreesWithThisClockWithinTwoSeconds() throws Exception {
        try (UdpServer server = new UdpServer(TestSockets.anyLoopbackPort(), Handlers.time(Clock.systemUTC()),
                new LogCapture().log());
             DatagramChannel client = DatagramChannel.open().connect(server.start())) {
            Instant before = Instant.now();
            client.write(ByteBuffer.allocate(1));
            ByteBuffer in = ByteBuffer.allocate(64);
            Datagrams.receive(client, in, Duration.ofSeconds(5));
            assertEquals(4, in.remaining(), "4 bytes, RFC 868's whole reply");
            byte[] reply = new byte[4];
            in.get(reply);
            Instant told = TimeProtocol.decode(reply);
            assertTrue(!told.isBefore(before.minusSeconds(2)) && !told.isAfter(Instant.now().plusSeconds(2)), "told " + told);
        }
    }
}
