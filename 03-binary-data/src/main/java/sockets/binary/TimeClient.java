package sockets.binary;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Instant;
import sockets.blocking.Clients;

/** Asks an RFC 868 server for the time: connect, read exactly 4 bytes, decode. */
public final class TimeClient {
    private TimeClient() {
    }

    /** The 4 bytes the server sent, in the order they came. */
    public static byte[] fetch(InetSocketAddress server, int timeoutMs) throws IOException {
        try (Socket socket = Clients.connect(server, timeoutMs)) {
            byte[] reply = socket.getInputStream().readNBytes(TimeProtocol.SIZE);
            if (reply.length < TimeProtocol.SIZE) {
                throw new EOFException("server closed after " + reply.length + " of 4 time bytes");
            }
            return reply;
        }
    }

    public static Instant query(InetSocketAddress server, int timeoutMs) throws IOException {
        return TimeProtocol.decode(fetch(server, timeoutMs));
    }
}
