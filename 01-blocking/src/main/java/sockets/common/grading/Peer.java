package sockets.common.grading;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/**
 * One client connection, as the contract checks see it: streams, a half-close and an abortive close.
 * TCP here; a later chapter supplies one over another address family.
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
     * A Unix-domain-socket client. Such a channel has no {@code SO_TIMEOUT}, so a read that waits longer than
     * {@code timeoutMs} is ended by closing the channel, and reported as a {@link SocketTimeoutException}:
     * the connection is over either way, as a check's is once it times out.
     */
    static Peer unix(UnixDomainSocketAddress address, int timeoutMs) throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        CheckScope.register(channel);
        // Channels' stream writes all it is given: a blocking channel's own write may return short on a virtual thread
        return new UnixPeer(channel, new UnixPeer.TimedInput(channel, timeoutMs), Channels.newOutputStream(channel));
    }
}
