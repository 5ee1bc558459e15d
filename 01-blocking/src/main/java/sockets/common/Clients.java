package sockets.common;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Opening a client socket the careful way: bounded connect, bounded reads, the peer named on failure. */
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
