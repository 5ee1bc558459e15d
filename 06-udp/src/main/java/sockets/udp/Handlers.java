package sockets.udp;

import java.nio.ByteBuffer;
import java.time.Clock;
import sockets.binary.TimeProtocol;

/** The small UDP services: echo (RFC 862) and time (RFC 868), each one datagram in, one out. */
public final class Handlers {
    private Handlers() {
    }

    /** RFC 862 over UDP: the datagram back to its sender, as it came. */
    public static DatagramHandler echo() {
        return (request, from) -> ByteBuffer.allocate(request.remaining()).put(request).flip();
    }

    /** RFC 868 over UDP: any datagram in (its content ignored), the 4-byte time out; chapter 03's encoding. */
    public static DatagramHandler time(Clock clock) {
        return (request, from) -> ByteBuffer.wrap(TimeProtocol.encode(clock.instant()));
    }
}
