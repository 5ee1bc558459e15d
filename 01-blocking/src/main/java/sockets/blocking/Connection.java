package sockets.blocking;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * One connected byte stream, whatever carries it: what a handler that only reads, writes and half-closes
 * needs. A TCP socket here; chapter 07 adds a Unix domain socket channel without touching the handlers.
 */
public interface Connection {

    InputStream input() throws IOException;

    OutputStream output() throws IOException;

    /** Half-close: the peer reads end of stream once it has everything written before this. */
    void shutdownOutput() throws IOException;

    /** The other end, for log lines. */
    SocketAddress peer();

    /** The connection a TCP socket carries. */
    static Connection of(Socket socket) {
        return new Connection() {
            @Override
            public InputStream input() throws IOException {
                return socket.getInputStream();
            }

            @Override
            public OutputStream output() throws IOException {
                return socket.getOutputStream();
            }

            @Override
            public void shutdownOutput() throws IOException {
                socket.shutdownOutput();
            }

            @Override
            public SocketAddress peer() {
                return socket.getRemoteSocketAddress();
            }
        };
    }
}
