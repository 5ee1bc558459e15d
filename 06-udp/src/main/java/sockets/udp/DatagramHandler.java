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
}
