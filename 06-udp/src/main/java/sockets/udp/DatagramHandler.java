package sockets.udp;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * Answers one datagram. There is no connection: each datagram stands alone, with its sender's address.
 * Returns the reply to send back, or null for none; a {@link MalformedPacketException} is logged with the
 * sender and the server goes on with the next datagram.
 */
@FunctionalInterface
public interface DatagramHandler {
    ByteBuffer handle(ByteBuffer request, SocketAddress from) throws IOException;

    /**
     * Whether a datagram from a well-known port (below 1024, where the services that answer datagrams
     * live) is answered. False by default: a server that answers anything must not answer another such
     * service, or the two answer each other forever. A handler whose replies are never answered (SNTP's,
     * which its clients may send from port 123) can say true.
     */
    default boolean answersWellKnownPorts() {
        return false;
    }
}
