package sockets.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.LogCapture;

/**
 * A UDP server that answers anything answers whatever address a datagram claims. One datagram forged to
 * come from the server itself, or from another service that answers anything, would start a loop that
 * keeps a core busy until the server stops (the 1996 CERT advisory on echo and chargen). The servers
 * refuse both sources, and still answer everyone else.
 */
class ReflectionLoopTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** The handler under test, counting the datagrams it was asked to answer. */
    private static DatagramHandler counted(String kind, AtomicInteger answered) {
        DatagramHandler inner = kind.equals("echo") ? Handlers.echo() : Handlers.time(Clock.systemUTC());
        return (request, from) -> {
            answered.incrementAndGet();
            return inner.handle(request, from);
        };
    }


    /** One datagram whose IP and UDP source are {@code port} on 127.0.0.1, sent raw by python3 (root only). */
    private static final String FORGE = String.join("\n",
            "import socket, struct, sys",
            "port = int(sys.argv[1]); payload = b'who sent me?'",
            "udp = struct.pack('!HHHH', port, port, 8 + len(payload), 0) + payload  # checksum 0: none, allowed over IPv4",
            "lo = socket.inet_aton('127.0.0.1')",
            "ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0, lo, lo)  # the kernel fills the checksum",
            "s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)",
            "s.sendto(ip + udp, ('127.0.0.1', 0))",
            "");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"echo", "time"})
    @EnabledOnOs(value = OS.LINUX, disabledReason = "the datagram is forged with a Linux raw socket (IP_HDRINCL)")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aDatagramFromTheServersOwnAddressIsNeverAnswered(String kind, @TempDir Path folder) throws Exception {
        assumeTrue(ChapterProcess.isRoot(), "forging a datagram's source address takes a raw socket, which needs root");
        assumeTrue(ChapterProcess.onPath("python3"), "python3 is not on the PATH: it forges the datagram");
        AtomicInteger answered = new AtomicInteger();
        LogCapture log = new LogCapture();
        try (UdpServer server = new UdpServer(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0),
                counted(kind, answered), log.log())) {
            InetSocketAddress address = server.start();
            Path forge = Files.writeString(folder.resolve("forge.py"), FORGE);
            Process python = new ProcessBuilder(List.of("python3", forge.toString(), String.valueOf(address.getPort())))
                    .redirectErrorStream(true).start();
            assertTrue(python.waitFor(20, TimeUnit.SECONDS), "python3 sent its datagram");
            assertEquals(0, python.exitValue(), new String(python.getInputStream().readAllBytes()));
            String line = log.awaitLines(1).get(0);
            assertTrue(line.contains("not answered: it claims to come from this server's own address"), line);
            assertEquals(0, answered.get(), "datagrams answered after the forged one (a loop, if more than 0)");
            assertServes(address, kind, answered);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"echo", "time"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aDatagramFromAWellKnownPortIsNeverAnswered(String kind) throws Exception {
        AtomicInteger answered = new AtomicInteger();
        LogCapture log = new LogCapture();
        try (UdpServer server = new UdpServer(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0),
                counted(kind, answered), log.log());
             DatagramChannel service = lowPort()) {
            InetSocketAddress address = server.start();
            int port = ((InetSocketAddress) service.getLocalAddress()).getPort();
            service.send(ByteBuffer.wrap("as if from chargen".getBytes()), address);
            String line = log.awaitLines(1).get(0);
            assertTrue(line.contains("not answered: it comes from well-known port " + port), line);
            assertEquals(0, answered.get());
            assertServes(address, kind, answered);
        }
    }

    /** SNTP may be asked from port 123 (NTP servers do), and its replies are never answered: it answers. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void sntpStillAnswersAWellKnownPort() throws Exception {
        try (UdpServer server = new UdpServer(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0),
                new SntpHandler(Clock.systemUTC()), new LogCapture().log());
             DatagramChannel ntp = lowPort()) {
            InetSocketAddress address = server.start();
            ntp.send(SntpPacket.request(NtpTimestamp.of(Clock.systemUTC().instant())).encode(), address);
            ByteBuffer in = ByteBuffer.allocate(UdpServer.MAX_DATAGRAM);
            assertNotNull(Datagrams.receive(ntp, in, WAIT), "an SNTP reply to a well-known port");
            assertEquals(SntpPacket.MODE_SERVER, SntpPacket.decode(in).mode());
        }
    }

    /** A channel on 127.0.0.1 bound to a free port below 1024: root's, or wherever this system allows it. */
    private static DatagramChannel lowPort() throws IOException {
        for (int port = 1023; port > 900; port--) {
            DatagramChannel channel = DatagramChannel.open();
            try {
                return channel.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            } catch (IOException e) {
                channel.close();
                assumeTrue(!(e instanceof java.net.BindException) || !e.getMessage().contains("denied"),
                        "binding a port below 1024 needs root here: " + e.getMessage());
            }
        }
        assumeTrue(false, "no free port between 901 and 1023 on 127.0.0.1");
        return null;
    }

    /** An ordinary client (an ephemeral port) is still answered, exactly once. */
    private static void assertServes(SocketAddress server, String kind, AtomicInteger answered) throws Exception {
        try (DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            byte[] message = "an ordinary client".getBytes();
            client.send(ByteBuffer.wrap(message), server);
            ByteBuffer in = ByteBuffer.allocate(UdpServer.MAX_DATAGRAM);
            assertNotNull(Datagrams.receive(client, in, WAIT), "an ordinary client is answered");
            if (kind.equals("echo")) {
                byte[] got = new byte[in.remaining()];
                in.get(got);
                assertArrayEquals(message, got);
            } else {
                assertEquals(4, in.remaining(), "RFC 868: four bytes of time");
            }
            assertEquals(1, answered.get());
        }
    }
}
