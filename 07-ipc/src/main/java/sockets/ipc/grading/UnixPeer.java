package sockets.ipc.grading;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import sockets.common.grading.Peer;

/** A connection to a server on a Unix domain socket, as the grader's checks see it (a {@link Peer}). */
public record UnixPeer(SocketChannel channel, InputStream in, OutputStream out) implements Peer {

    /**
     * Connects to {@code address}. Such a channel has no {@code SO_TIMEOUT} (chapter 07's README), so a read that
     * waits longer than {@code timeoutMs} is ended by closing the channel, and reported as a
     * {@link SocketTimeoutException}: the connection is over either way, as a check's is once it times out.
     */
    public static Peer connect(UnixDomainSocketAddress address, int timeoutMs) throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        Peer.register(channel);
        // Channels' stream writes all it is given: a blocking channel's own write may return short on a virtual thread
        return new UnixPeer(channel, new TimedInput(channel, timeoutMs), Channels.newOutputStream(channel));
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

    /**
     * Reads a channel with a bound, which a Unix-socket channel has no option for (a TCP socket's
     * {@code SO_TIMEOUT} only works on its stream): a virtual thread closes the channel when the time is up,
     * and the read's {@code AsynchronousCloseException} becomes a {@code SocketTimeoutException}.
     */
    static final class TimedInput extends InputStream {
        private final SocketChannel channel;
        private final int timeoutMs;

        TimedInput(SocketChannel channel, int timeoutMs) {
            this.channel = channel;
            this.timeoutMs = timeoutMs;
        }

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
    }
}
