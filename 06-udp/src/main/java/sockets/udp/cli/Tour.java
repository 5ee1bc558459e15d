package sockets.udp.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import sockets.common.Narration;
import sockets.common.PeerLog;
import sockets.udp.Datagrams;
import sockets.udp.Handlers;
import sockets.udp.LossyRelay;
import sockets.udp.ReliableClient;
import sockets.udp.ReliableServer;
import sockets.udp.SntpClient;
import sockets.udp.SntpHandler;
import sockets.udp.UdpServer;

/** The chapter in one process: boundaries, truncation, limits, ICMP errors, loss and recovery, a time query. */
final class Tour extends Narration {
    private static final Duration WAIT = Duration.ofMillis(500);

    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private final PeerLog quiet = PeerLog.discard();

    Tour(PrintStream out) {
        super(out);
    }

    int run() throws Exception {
        out.println("Chapter 06: UDP");
        datagramsKeepTheirBoundaries();
        aLargeDatagramIsCutSilently();
        noConnectionMeansNoRefusal();
        reliabilityOnTopOfLoss();
        binaryProtocolsOnUdp();
        return done("Next: chapter 07, sockets and other ways to talk on one machine.");
    }

    /** Three sends make three datagrams, while three TCP writes can come out of one read. */
    private void datagramsKeepTheirBoundaries() throws Exception {
        step(1, "Datagrams keep their boundaries; a TCP stream does not.");
        try (DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
             DatagramChannel sender = DatagramChannel.open()) {
            for (String word : List.of("one", "two", "three")) {
                sender.send(bytes(word), receiver.getLocalAddress());
            }
            ByteBuffer in = ByteBuffer.allocate(100);
            List<String> got = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Datagrams.receive(receiver, in, WAIT);
                got.add(StandardCharsets.UTF_8.decode(in).toString());
            }
            say("UDP: three sends, three receives: %s", got);
        }
        try (ServerSocket listener = new ServerSocket(0, 5, loopback);
             Socket client = new Socket(loopback, listener.getLocalPort());
             Socket served = listener.accept()) {
            for (String word : List.of("one", "two", "three")) {
                client.getOutputStream().write(word.getBytes(StandardCharsets.UTF_8));
            }
            byte[] buffer = new byte[100];
            int n = served.getInputStream().read(buffer);
            say("TCP: three writes, then one read: \"%s\"", new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
    }

    /** A receive buffer too small for the datagram loses the rest with no error, and UDP has a size limit. */
    private void aLargeDatagramIsCutSilently() throws Exception {
        step(2, "A datagram larger than the buffer is cut, silently: the rest is gone.");
        try (DatagramChannel receiver = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0));
             DatagramChannel sender = DatagramChannel.open()) {
            sender.send(bytes("a datagram of forty-one bytes, more or so"), receiver.getLocalAddress());
            ByteBuffer small = ByteBuffer.allocate(10);
            Datagrams.receive(receiver, small, WAIT);
            say("received into a 10-byte buffer: \"%s\", and no error", StandardCharsets.UTF_8.decode(small));
            say("size the buffer for the largest datagram the protocol allows (65,507 bytes for any UDP over IPv4)");
            try {
                sender.send(ByteBuffer.allocate(UdpServer.MAX_DATAGRAM + 1), receiver.getLocalAddress());
            } catch (IOException e) {
                say("sending 65,508 bytes: %s \"%s\"", e.getClass().getSimpleName(), e.getMessage());
            }
        }
    }

    /** A datagram to a closed port gets no answer, unless the socket is connected and so hears the ICMP error. */
    private void noConnectionMeansNoRefusal() throws Exception {
        step(3, "No connection, no refusal: a datagram to a port nobody listens on just vanishes...");
        int nobody;
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0))) {
            nobody = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        try (DatagramChannel unconnected = DatagramChannel.open()) {
            unconnected.send(bytes("hello?"), new InetSocketAddress(loopback, nobody));
            SocketAddressOrNull reply = new SocketAddressOrNull(
                    Datagrams.receive(unconnected, ByteBuffer.allocate(10), WAIT));
            say("unconnected socket: send succeeded; after %d ms: %s", WAIT.toMillis(), reply);
        }
        try (DatagramChannel connected = DatagramChannel.open().connect(new InetSocketAddress(loopback, nobody))) {
            connected.write(bytes("hello?"));
            try {
                Datagrams.receive(connected, ByteBuffer.allocate(10), WAIT);
                say("connected socket: no error (unexpected)");
            } catch (PortUnreachableException e) {
                say("...unless the socket is connected: then the ICMP \"port unreachable\" surfaces: %s",
                        e.getClass().getSimpleName());
            }
        }
    }

    /** Sequence numbers, timeouts and a reply cache deliver every request once and in order over a lossy relay. */
    private void reliabilityOnTopOfLoss() throws Exception {
        step(4, "Loss, and what it takes to build reliability on top: 200 requests through a relay losing 30%.");
        List<String> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
        try (UdpServer server = new UdpServer(new InetSocketAddress(loopback, 0), new ReliableServer(p -> {
            delivered.add(new String(p, StandardCharsets.UTF_8));
            return p;
        }), quiet);
             LossyRelay relay = new LossyRelay(new InetSocketAddress(loopback, 0), server.start(),
                     new LossyRelay.Faults(0.3, 0.1, 0.1, 6), quiet);
             ReliableClient client = new ReliableClient(relay.start(), Duration.ofMillis(5), 100)) {
            for (int i = 0; i < 200; i++) {
                client.request(("message " + i).getBytes(StandardCharsets.UTF_8));
            }
            boolean inOrder = true;
            for (int i = 0; i < 200; i++) {
                inOrder &= delivered.get(i).equals("message " + i);
            }
            say("delivered %d messages, %s, after %d retransmissions (sequence numbers, timeouts, a reply cache)",
                    delivered.size(), inOrder && delivered.size() == 200 ? "each exactly once and in order" : "WRONGLY",
                    client.retransmissions());
        }
    }

    /** Two time protocols over UDP: one request datagram, one reply datagram each. */
    private void binaryProtocolsOnUdp() throws Exception {
        step(5, "Binary protocols on UDP: RFC 868 and SNTP, answered from this machine's clock.");
        try (UdpServer time = new UdpServer(new InetSocketAddress(loopback, 0), Handlers.time(Clock.systemUTC()),
                quiet);
             UdpServer sntp = new UdpServer(new InetSocketAddress(loopback, 0), new SntpHandler(Clock.systemUTC()),
                     quiet);
             DatagramChannel channel = DatagramChannel.open().connect(time.start())) {
            channel.write(bytes("?"));
            ByteBuffer reply = ByteBuffer.allocate(64);
            Datagrams.receive(channel, reply, WAIT);
            byte[] four = new byte[reply.remaining()];
            reply.get(four);
            say("RFC 868 over UDP: one datagram in, 4 bytes out: %s", sockets.binary.TimeProtocol.decode(four));
            SntpClient.Result r = SntpClient.query(sntp.start(), WAIT);
            say("SNTP: server time %s, offset %+.3f ms, round trip %.3f ms", r.serverTime(),
                    r.offset().toNanos() / 1e6, r.delay().toNanos() / 1e6);
        }
    }

    /** Prints a sender, or says that nothing came. */
    private record SocketAddressOrNull(java.net.SocketAddress address) {
        @Override
        public String toString() {
            return address == null ? "nothing came back, and no error either" : "a reply from " + address;
        }
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
