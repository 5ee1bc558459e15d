package sockets.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sockets.common.PeerLog;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.FdExhaustion;
import sockets.common.testing.LogCapture;
import sockets.common.testing.TestSockets;
import sockets.udp.cli.Main;

/** The lossy relay and the UDP servers keep serving, whatever their clients and targets do. */
class RelayAndServerSurvivalTest {
    private static final LossyRelay.Faults NONE = new LossyRelay.Faults(0, 0, 0, 1);
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** A UDP port nothing listens on: bound, noted, closed. */
    private static InetSocketAddress closedPort() throws Exception {
        try (DatagramChannel probe = DatagramChannel.open().bind(TestSockets.anyLoopbackPort())) {
            return (InetSocketAddress) probe.getLocalAddress();
        }
    }

    private static byte[] echoThrough(DatagramChannel client, InetSocketAddress relay, String text) throws Exception {
        byte[] message = text.getBytes(StandardCharsets.US_ASCII);
        client.send(ByteBuffer.wrap(message), relay);
        ByteBuffer in = ByteBuffer.allocate(UdpServer.MAX_DATAGRAM);
        if (Datagrams.receive(client, in, WAIT) == null) {
            return null;
        }
        byte[] got = new byte[in.remaining()];
        in.get(got);
        return got;
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aTargetThatIsDownThenUpCostsOneLogLineAndTheRelayGoesOn() throws Exception {
        InetSocketAddress target = closedPort();
        LogCapture log = new LogCapture();
        try (LossyRelay relay = new LossyRelay(TestSockets.anyLoopbackPort(), target, NONE, log.log());
             DatagramChannel client = DatagramChannel.open().bind(TestSockets.anyLoopbackPort())) {
            InetSocketAddress address = relay.start();
            client.send(ByteBuffer.wrap(new byte[] {1}), address); // refused by ICMP: the relay hears of it
            String line = log.awaitLines(1).get(0);
            assertTrue(line.contains("unreachable (ICMP port unreachable)"), line);
            for (int i = 0; i < 5; i++) {
                client.send(ByteBuffer.wrap(new byte[] {2}), address); // still down: no more lines
            }
            try (UdpServer echo = new UdpServer(target, Handlers.echo(), PeerLog.discard())) {
                echo.start(); // the target comes up on the same port
                byte[] expected = "up again".getBytes(StandardCharsets.US_ASCII);
                byte[] back = null;
                // The datagrams sent during the outage may still be on their way and come back first; and the
                // first "up again" may be lost to the outage's last ICMP error. A few tries, bounded.
                for (int i = 0; i < 10 && !Arrays.equals(expected, back); i++) {
                    back = echoThrough(client, address, "up again");
                }
                assertArrayEquals(expected, back);
            }
            assertEquals(1, log.text().lines().count(), "one line for the outage: " + log.text());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anyNumberOfSourcesIsServedWithinAFixedNumberOfSockets() throws Exception {
        LogCapture log = new LogCapture();
        try (UdpServer echo = new UdpServer(TestSockets.anyLoopbackPort(), Handlers.echo(), PeerLog.discard());
             LossyRelay relay = new LossyRelay(TestSockets.anyLoopbackPort(), echo.start(), NONE, 16, 60_000, log.log())) {
            InetSocketAddress address = relay.start();
            for (int i = 0; i < 300; i++) {
                try (DatagramChannel source = DatagramChannel.open().bind(TestSockets.anyLoopbackPort())) {
                    assertArrayEquals(("source " + i).getBytes(StandardCharsets.US_ASCII),
                            echoThrough(source, address, "source " + i), "source " + i);
                }
                assertTrue(relay.clientCount() <= 16, "clients remembered: " + relay.clientCount());
            }
        }
    }

    /** The same as a process under a low file-descriptor limit, with the relay's default settings. */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void underALowDescriptorLimitTheRelayMakesRoomInsteadOfGivingUp() throws Exception {
        FdExhaustion.assumeAvailable();
        try (UdpServer echo = new UdpServer(TestSockets.anyLoopbackPort(), Handlers.echo(), PeerLog.discard())) {
            InetSocketAddress target = echo.start();
            try (ChapterProcess relay = FdExhaustion.start(Main.class, "lossy-relay", "--listen", "0", "--to",
                    "127.0.0.1:" + target.getPort())) {
                InetSocketAddress address = relay.awaitListening();
                int served = 0;
                for (int i = 0; i < 600; i++) {
                    try (DatagramChannel source = DatagramChannel.open().bind(TestSockets.anyLoopbackPort())) {
                        byte[] back = null;
                        for (int attempt = 0; attempt < 3 && back == null; attempt++) {
                            back = echoThrough(source, address, "source " + i);
                        }
                        if (back != null) {
                            served++;
                        }
                    }
                }
                assertEquals(600, served, "sources answered through a relay allowed " + FdExhaustion.LIMIT + " descriptors");
                relay.terminate();
                ChapterProcess.Result result = relay.awaitExit();
                assertEquals(143, result.exitCode(), result.stderr());
                result.assertNoStackTrace();
            }
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aFloodOfBadDatagramsCostsTheLogAFewLinesAndGoodRequestsAreStillAnswered() throws Exception {
        LogCapture log = new LogCapture();
        try (UdpServer sntp = new UdpServer(TestSockets.anyLoopbackPort(), new SntpHandler(Clock.systemUTC()), log.log());
             DatagramChannel flooder = DatagramChannel.open().bind(TestSockets.anyLoopbackPort())) {
            InetSocketAddress address = sntp.start();
            for (int i = 0; i < 2_000; i++) {
                flooder.send(ByteBuffer.wrap(new byte[] {(byte) i}), address);
            }
            SntpClient.Result answer = null;
            for (int i = 0; i < 5 && answer == null; i++) { // the flood may have filled the socket's buffer: UDP drops
                try {
                    answer = SntpClient.query(address, Duration.ofSeconds(2));
                } catch (java.net.SocketTimeoutException lost) {
                    // dropped with the flood; ask again
                }
            }
            assertEquals(1, answer == null ? -1 : answer.stratum(), "an SNTP reply after the flood");
            List<String> lines = log.awaitLines(PeerLog.BURST);
            assertTrue(lines.size() < PeerLog.BURST + 50, lines.size() + " log lines for 2,000 bad datagrams");
        }
    }
}
