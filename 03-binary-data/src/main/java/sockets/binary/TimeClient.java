package sockets.binary;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Instant;
import sockets.blocking.Clients;
import sockets.common.Endpoints;

/** Asks an RFC 868 server for the time: connect, read exactly 4 bytes, decode. */
public final class TimeClient {
    private TimeClient() {
    }

    /** The 4 bytes the server sent, in the order they came. */
    public static byte[] fetch(InetSocketAddress server, int timeoutMs) throws IOException {
        try (Socket socket = Clients.connect(server, timeoutMs)) {
            byte[] reply;
            try {
                reply = socket.getInputStream().readNBytes(TimeProtocol.SIZE);
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException(Endpoints.format(server) + " sent no time within " + timeoutMs
                        + " ms: an RFC 868 server speaks first, as soon as it accepts; is this one?");
            }
            if (reply.length < TimeProtocol.SIZE) {
                throw new EOFException(Endpoints.format(server) + " closed after " + reply.length + " of 4 time bytes");
            }
            return reply;
        }
    }

    public static Instant query(InetSocketAddress server, int timeoutMs) throws IOException {
        return TimeProtocol.decode(fetch(server, timeoutMs));
    }
}
