package sockets.common.grading;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

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
        InputStream in = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                AtomicBoolean timedOut = new AtomicBoolean();
                Thread guard = Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(timeoutMs);
                        timedOut.set(true);
                        channel.close();
                    } catch (InterruptedException | IOException e) {
                        // the read returned first: nothing to do
                    }
                });
                try {
                    return channel.read(ByteBuffer.wrap(b, off, len));
                } catch (AsynchronousCloseException e) {
                    if (timedOut.get()) {
                        throw new SocketTimeoutException("Read timed out after " + timeoutMs + " ms");
                    }
                    throw e;
                } finally {
                    guard.interrupt();
                }
            }
        };
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
        return new Peer() {
            @Override
            public InputStream in() {
                return in;
            }

            @Override
            public OutputStream out() {
                return out;
            }

            @Override
            public void shutdownOutput() throws IOException {
                channel.shutdownOutput();
            }

            @Override
            public void reset() throws IOException {
                channel.close(); // a Unix domain socket has no RST: vanishing is closing
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
