package sockets.udp;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;

/**
 * An SNTP server answering from this machine's clock: stratum 1, reference "LOCL". It takes a client
 * request (mode 3, version 1 to 4), copies the client's transmit timestamp into the originate field (the
 * client matches replies by it), stamps when the request came (T2) and when the reply leaves (T3).
 */
public final class SntpHandler implements DatagramHandler {
    private final Clock clock;

    public SntpHandler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ByteBuffer handle(ByteBuffer request, SocketAddress from) throws MalformedPacketException {
        long received = NtpTimestamp.of(clock.instant());
        SntpPacket asked = SntpPacket.decode(request);
        if (asked.mode() != SntpPacket.MODE_CLIENT) {
            throw new MalformedPacketException("mode " + asked.mode() + " is not a client request (mode 3)");
        }
        if (asked.version() < 1 || asked.version() > 4) {
            throw new MalformedPacketException("version " + asked.version() + " is not SNTP (1 to 4)");
        }
        return new SntpPacket(0, asked.version(), SntpPacket.MODE_SERVER, 1, asked.poll(), -20, 0, 0, "LOCL",
                received, asked.transmit(), received, NtpTimestamp.of(clock.instant())).encode();
    }

    /** NTP servers ask from port 123; a reply (mode 4) is never answered, so no loop can start here. */
    @Override
    public boolean answersWellKnownPorts() {
        return true;
    }
}
