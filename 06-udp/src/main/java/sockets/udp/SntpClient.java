package sockets.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;

/**
 * Asks an SNTP server the time and works out, from the four timestamps, how far this clock is off and how
 * long the round trip took (RFC 4330, section 5):
 * <pre>
 *   T1 client sends     T2 server receives     T3 server sends     T4 client receives
 *   delay  = (T4 - T1) - (T3 - T2)           time on the wire, both ways
 *   offset = ((T2 - T1) + (T3 - T4)) / 2     how far the server's clock is ahead of ours
 * </pre>
 */
public final class SntpClient {

    /** The answer: the server's time when it replied, and what the timestamps say. */
    public record Result(Instant serverTime, Duration offset, Duration delay, int stratum, String referenceId) {
    }

    private SntpClient() {
    }

    public static Result query(InetSocketAddress server, Duration timeout) throws IOException {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.connect(server);
            Instant t1 = Instant.now();
            long t1Ntp = NtpTimestamp.of(t1);
            channel.write(SntpPacket.request(t1Ntp).encode());
            ByteBuffer in = ByteBuffer.allocate(UdpServer.MAX_DATAGRAM);
            if (Datagrams.receive(channel, in, timeout) == null) {
                throw new SocketTimeoutException("no SNTP reply within " + timeout.toMillis() + " ms");
            }
            SntpPacket reply = SntpPacket.decode(in);
            Instant t4 = Instant.now();
            if (reply.mode() != SntpPacket.MODE_SERVER) {
                throw new MalformedPacketException("reply mode " + reply.mode() + ", not a server's (4)");
            }
            if (reply.originate() != t1Ntp) {
                throw new MalformedPacketException("reply does not answer our request (originate timestamp differs)");
            }
            if (reply.stratum() == 0 || reply.transmit() == 0) {
                throw new MalformedPacketException("the server declined to answer (stratum 0: kiss-o'-death "
                        + reply.referenceId() + ")");
            }
            Instant t2 = NtpTimestamp.toInstant(reply.receive());
            Instant t3 = NtpTimestamp.toInstant(reply.transmit());
            Duration delay = Duration.between(t1, t4).minus(Duration.between(t2, t3));
            Duration offset = Duration.between(t1, t2).plus(Duration.between(t4, t3)).dividedBy(2);
            return new Result(t3, offset, delay, reply.stratum(), reply.referenceId());
        }
    }
}
