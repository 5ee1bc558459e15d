package sockets.udp.grading;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import sockets.common.grading.Check;
import sockets.common.grading.Hints;
import sockets.common.grading.CheckFailure;
import sockets.udp.MalformedPacketException;
import sockets.udp.NtpTimestamp;
import sockets.udp.SntpPacket;

/**
 * What every SNTP server (RFC 4330) must do, whatever its language, as checks over real datagrams on
 * loopback: answer a client's 48-byte request with a server's reply of the same version, the client's
 * transmit timestamp copied into the originate field, its own clock counted from 1900 in network order;
 * ignore what is no request, and go on serving.
 */
public final class SntpChecks {
    /** How far the server's clock may be from this machine's: they are the same machine. */
    private static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(5);

    private SntpChecks() {
    }

    /** Every check, in the order a student should fix them, with its points. */
    public static List<Check> all(InetSocketAddress server, int readTimeoutMs) {
        return List.of(
                Check.required("answers a request (mode 3, version 4) with 48 bytes: mode 4, version 4, stratum 1 to 15", 2,
                        t -> answers(server, readTimeoutMs, 4)),
                Check.required("copies the request's transmit timestamp into the reply's originate field", 2,
                        t -> copiesTheOriginate(server, readTimeoutMs)),
                Check.required("its transmit timestamp is this machine's clock, from 1900, in network order (within 5 s)", 2,
                        t -> agreesWithTheClock(server, readTimeoutMs)),
                Check.required("answers a version 3 request with version 3", 1, t -> answers(server, readTimeoutMs, 3)),
                Check.required("ignores a datagram shorter than 48 bytes and answers the next request", 2,
                        t -> ignoresAShortDatagram(server, readTimeoutMs)),
                Check.required("answers 30 clients at once, each at its own address", 1,
                        t -> manyClients(server, readTimeoutMs)));
    }

    /** Sends a request of {@code version} stamped with this clock; the reply, or a failure naming what came. */
    private static SntpPacket ask(DatagramSocket socket, InetSocketAddress server, int version, long transmit, String what)
            throws IOException {
        SntpPacket request = new SntpPacket(0, version, SntpPacket.MODE_CLIENT, 0, 0, 0, 0, 0, "", 0, 0, 0, transmit);
        byte[] bytes = request.encode().array();
        socket.send(new DatagramPacket(bytes, bytes.length, server));
        byte[] back = UdpEchoChecks.receiveFrom(socket, server);
        if (back == null) {
            throw new CheckFailure(what, "a 48-byte reply", "no datagram within the read timeout", reproduce(server));
        }
        try {
            return SntpPacket.decode(ByteBuffer.wrap(back));
        } catch (MalformedPacketException e) {
            throw new CheckFailure(what, "a 48-byte reply", "a datagram of " + back.length + " bytes", reproduce(server));
        }
    }

    private static String reproduce(InetSocketAddress server) {
        return Hints.jar("06-udp") + " sntp-client --host " + server.getAddress().getHostAddress()
                + " --port " + server.getPort();
    }

    private static void answers(InetSocketAddress server, int readTimeoutMs, int version) throws IOException {
        try (DatagramSocket socket = UdpEchoChecks.client(readTimeoutMs)) {
            String what = "a 48-byte request: mode 3, version " + version;
            SntpPacket reply = ask(socket, server, version, NtpTimestamp.of(Instant.now()), what);
            if (reply.mode() != SntpPacket.MODE_SERVER || reply.version() != version || reply.stratum() < 1
                    || reply.stratum() > 15) {
                throw new CheckFailure(what, "mode 4, version " + version + ", stratum 1 to 15", "mode " + reply.mode()
                        + ", version " + reply.version() + ", stratum " + reply.stratum()
                        + " (the first byte is LI:2 bits, VN:3, Mode:3)", reproduce(server));
            }
        }
    }

    private static void copiesTheOriginate(InetSocketAddress server, int readTimeoutMs) throws IOException {
        try (DatagramSocket socket = UdpEchoChecks.client(readTimeoutMs)) {
            long transmit = 0x0123_4567_89ab_cdefL; // not a time a server could mistake for its own
            SntpPacket reply = ask(socket, server, 4, transmit, "a request whose transmit timestamp is 0123456789abcdef");
            if (reply.originate() != transmit) {
                throw new CheckFailure("a request whose transmit timestamp is 0123456789abcdef",
                        "originate 0123456789abcdef (how a client knows the reply answers its request)",
                        String.format("originate %016x", reply.originate()), reproduce(server));
            }
        }
    }

    private static void agreesWithTheClock(InetSocketAddress server, int readTimeoutMs) throws IOException {
        try (DatagramSocket socket = UdpEchoChecks.client(readTimeoutMs)) {
            Instant now = Instant.now();
            SntpPacket reply = ask(socket, server, 4, NtpTimestamp.of(now), "a request");
            Instant theirs = NtpTimestamp.toInstant(reply.transmit());
            if (Duration.between(now, theirs).abs().compareTo(CLOCK_TOLERANCE) > 0) {
                long seconds = reply.transmit() >>> 32;
                Duration reversed = Duration.between(now, NtpTimestamp.toInstant(Long.reverseBytes(reply.transmit())));
                String hint = Math.abs(seconds - now.getEpochSecond()) < 60 ? " (counted from 1970, not 1900)"
                        : reversed.abs().compareTo(CLOCK_TOLERANCE) <= 0 ? " (little-endian: network order is big-endian)" : "";
                throw new CheckFailure("a request at " + now, "a transmit timestamp within 5 s of " + now,
                        String.format("%016x = %s%s", reply.transmit(), theirs, hint), reproduce(server));
            }
        }
    }

    private static void ignoresAShortDatagram(InetSocketAddress server, int readTimeoutMs) throws IOException {
        try (DatagramSocket socket = UdpEchoChecks.client(readTimeoutMs)) {
            byte[] junk = "not sntp".getBytes();
            socket.send(new DatagramPacket(junk, junk.length, server));
            long transmit = NtpTimestamp.of(Instant.now());
            SntpPacket reply = ask(socket, server, 4, transmit, "8 bytes ('not sntp'), then a good request");
            if (reply.originate() != transmit) {
                throw new CheckFailure("8 bytes ('not sntp'), then a good request", "one reply, to the good request",
                        "a reply to something else first (originate " + String.format("%016x", reply.originate()) + ")",
                        reproduce(server));
            }
        }
    }

    private static void manyClients(InetSocketAddress server, int readTimeoutMs) throws IOException {
        List<DatagramSocket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                clients.add(UdpEchoChecks.client(readTimeoutMs));
            }
            long base = NtpTimestamp.of(Instant.now());
            for (int i = 0; i < clients.size(); i++) {
                byte[] bytes = SntpPacket.request(base + i).encode().array();
                clients.get(i).send(new DatagramPacket(bytes, bytes.length, server));
            }
            for (int i = 0; i < clients.size(); i++) {
                byte[] back = UdpEchoChecks.receiveFrom(clients.get(i), server);
                SntpPacket reply;
                try {
                    reply = back == null ? null : SntpPacket.decode(ByteBuffer.wrap(back));
                } catch (MalformedPacketException e) {
                    reply = null;
                }
                if (reply == null || reply.originate() != base + i) {
                    throw new CheckFailure("a request from socket " + (i + 1) + " of 30, all sent at once",
                            "its own reply, at its own address", reply == null ? "no SNTP reply within the read timeout"
                                    : "a reply to another client's request", reproduce(server));
                }
            }
        } finally {
            for (DatagramSocket client : clients) {
                client.close();
            }
        }
    }
}
