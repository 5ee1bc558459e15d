package sockets.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import sockets.common.testing.TestSockets;

/** What a datagram socket does and does not promise, observed on loopback. */
class DatagramBasicsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static DatagramChannel bound() throws IOException {
        return DatagramChannel.open().bind(TestSockets.anyLoopbackPort());
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer).toString();
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void threeDatagramsSentAreThreeDatagramsReceivedBoundariesIntact() throws IOException {
        try (DatagramChannel receiver = bound(); DatagramChannel sender = DatagramChannel.open()) {
            for (String word : new String[] {"one", "two", "three"}) {
                sender.send(bytes(word), receiver.getLocalAddress());
            }
            ByteBuffer in = ByteBuffer.allocate(1000);
            for (String word : new String[] {"one", "two", "three"}) {
                Datagrams.receive(receiver, in, WAIT);
                assertEquals(word, text(in), "each receive is exactly one datagram");
            }
        }
    }

    /** The same three writes on TCP, all written before the reader reads: one read returns all of them. */
    @Test
    void theSameThreeWritesOnTcpArriveAsOneRead() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 5, TestSockets.loopback());
             Socket client = TestSockets.connect((InetSocketAddress) listener.getLocalSocketAddress());
             Socket served = listener.accept()) {
            for (String word : new String[] {"one", "two", "three"}) {
                client.getOutputStream().write(word.getBytes(StandardCharsets.UTF_8));
            }
            client.shutdownOutput();
            // Wait, bounded, until all 11 bytes are in the receiver's buffer (a state we can see): only then
            // read. shutdownOutput alone does not wait for delivery.
            long deadline = System.nanoTime() + TestSockets.TIMEOUT_MS * 1_000_000L;
            while (served.getInputStream().available() < 11) {
                assertTrue(System.nanoTime() < deadline, "the bytes arrived");
                Thread.onSpinWait();
            }
            served.setSoTimeout(TestSockets.TIMEOUT_MS);
            byte[] buffer = new byte[1000];
            int n = served.getInputStream().read(buffer);
            assertEquals("onetwothree", new String(buffer, 0, n, StandardCharsets.UTF_8), "no boundaries on a stream");
        }
    }

    @Test
    void aDatagramLargerThanTheReceiveBufferIsTruncatedSilently() throws IOException {
        try (DatagramChannel receiver = bound(); DatagramChannel sender = DatagramChannel.open()) {
            sender.send(bytes("0123456789ABCDEF"), receiver.getLocalAddress());
            sender.send(bytes("next"), receiver.getLocalAddress());
            ByteBuffer small = ByteBuffer.allocate(10);
            Datagrams.receive(receiver, small, WAIT);
            assertEquals("0123456789", text(small), "the first 10 bytes, and no error");
            ByteBuffer in = ByteBuffer.allocate(100);
            Datagrams.receive(receiver, in, WAIT);
            assertEquals("next", text(in), "the rest of the first datagram is gone, not waiting");
        }
    }

    @Test
    @DisabledOnOs(value = OS.MAC, disabledReason = "macOS refuses datagrams over its net.inet.udp.maxdgram, 9,216 bytes"
            + " by default, long before IPv4's 65,507")
    void theLargestIpv4PayloadGoesThroughLoopbackAndOneByteMoreIsRefused() throws IOException {
        try (DatagramChannel receiver = bound(); DatagramChannel sender = DatagramChannel.open()) {
            byte[] largest = TestSockets.randomBytes(65_507, UdpServer.MAX_DATAGRAM);
            assertEquals(65_507, sender.send(ByteBuffer.wrap(largest), receiver.getLocalAddress()));
            ByteBuffer in = ByteBuffer.allocate(70_000);
            Datagrams.receive(receiver, in, WAIT);
            assertEquals(65_507, in.remaining());
            assertEquals(ByteBuffer.wrap(largest), in);
            SocketException tooLong = assertThrows(SocketException.class,
                    () -> sender.send(ByteBuffer.allocate(65_508), receiver.getLocalAddress()));
            assertEquals("Message too long", tooLong.getMessage());
        }
    }

    /** A connected channel is told, on a later call, of the ICMP "port unreachable" its datagram caused. */
    @Test
    void aConnectedChannelSendingToNoListenerGetsPortUnreachableOnALaterCall() throws IOException {
        InetSocketAddress nobody = freePort();
        try (DatagramChannel connected = DatagramChannel.open().connect(nobody)) {
            connected.write(bytes("anyone?"));
            assertThrows(PortUnreachableException.class, () -> Datagrams.receive(connected, ByteBuffer.allocate(10), WAIT));
        }
    }

    @Test
    void anUnconnectedChannelSendingToNoListenerHearsNothingAtAll() throws IOException {
        InetSocketAddress nobody = freePort();
        try (DatagramChannel unconnected = DatagramChannel.open()) {
            unconnected.send(bytes("anyone?"), nobody);
            assertNull(Datagrams.receive(unconnected, ByteBuffer.allocate(10), Duration.ofMillis(300)),
                    "no reply and no error: the ICMP message is not delivered to an unconnected socket");
        }
    }

    private static InetSocketAddress freePort() throws IOException {
        try (DatagramChannel probe = bound()) {
            return (InetSocketAddress) probe.getLocalAddress();
        }
    }
}
