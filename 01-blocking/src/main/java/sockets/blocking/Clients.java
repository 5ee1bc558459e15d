package sockets.blocking;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import sockets.common.Endpoints;

/**
 * Opening a client socket the careful way, chapter 01's lesson for every client of the course: a bounded
 * connect (a host that never answers would hold it for the kernel's SYN retries, about two minutes on Linux),
 * bounded reads, and the peer named on failure.
 */
public final class Clients {
    private Clients() {
    }

    /**
     * Connects within {@code timeoutMs} and sets the same bound on every read ({@code SO_TIMEOUT}),
     * so a silent server cannot hang the client forever.
     */
    public static Socket connect(InetSocketAddress server, int timeoutMs) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(server, timeoutMs);
            socket.setSoTimeout(timeoutMs);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot connect to " + Endpoints.format(server) + ": " + e.getMessage(), e);
        }
    }
}
