package sockets.common.grading;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One client connection, as the contract checks see it: streams, a half-close and an abortive close.
 * TCP here; chapter 07 supplies one over a Unix domain socket.
 */
public interface Peer extends Closeable {
    InputStream in() throws IOException;

    OutputStream out() throws IOException;

    /** "I am done sending": FIN to the server, which reads end of stream; this side can still read. */
    void shutdownOutput() throws IOException;

    /** Vanishes abruptly: the server sees a reset, not an orderly close. */
    void reset() throws IOException;

    /** A TCP client whose connect and reads are bounded by {@code timeoutMs}. */
    static Peer tcp(InetSocketAddress address, int timeoutMs) throws IOException {
        Socket socket = new Socket();
        CheckScope.register(socket);
        try {
            socket.connect(address, timeoutMs);
            socket.setSoTimeout(timeoutMs);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new Peer() {
            @Override
            public InputStream in() throws IOException {
                return socket.getInputStream();
            }

            @Override
            public OutputStream out() throws IOException {
                return socket.getOutputStream();
            }

            @Override
            public void shutdownOutput() throws IOException {
                socket.shutdownOutput();
            }

            @Override
            public void reset() throws IOException {
                socket.setSoLinger(true, 0); // close now sends RST, not FIN
                socket.close();
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }

    /**
     * Ties {@code connection} to the check running on this thread, so that when the check's time is up the
     * grader closes it (and a read blocked on it ends): a peer of another family calls it when it connects.
     */
    static void register(Closeable connection) throws IOException {
        CheckScope.register(connection);
    }
}
