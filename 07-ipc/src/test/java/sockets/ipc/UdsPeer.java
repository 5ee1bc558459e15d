package sockets.ipc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import sockets.common.grading.Peer;

/**
 * A contract-suite client over a Unix domain socket. Its reads have no SO_TIMEOUT (a UNIX channel has none);
 * the suite's per-test timeout bounds them. Its streams call the channel directly, so that one thread can
 * read while another writes.
 */
final class UdsPeer implements Peer {
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    UdsPeer(Path path) throws IOException {
        channel = SocketChannel.open(UnixDomainSocketAddress.of(path));
        in = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
        out = new OutputStream() {
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
    }

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

    /** A Unix domain socket has no RST: vanishing is closing, with whatever was unread still unread. */
    @Override
    public void reset() throws IOException {
        channel.close();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
