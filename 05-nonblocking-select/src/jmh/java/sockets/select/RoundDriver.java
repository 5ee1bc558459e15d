package sockets.select;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The benchmark's client side, one thread and one selector: {@link #round()} sends one message on every
 * connection at once and returns when every echo has fully come back (and was right).
 */
final class RoundDriver implements AutoCloseable {
    private final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final byte[] message;

    RoundDriver(InetSocketAddress server, int connections, int size) throws IOException {
        selector = Selector.open();
        message = new byte[size];
        new java.util.Random(size).nextBytes(message);
        for (int i = 0; i < connections; i++) {
            SocketChannel channel = SocketChannel.open(server); // blocking connect, then non-blocking use
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            channel.register(selector, 0, ByteBuffer.allocate(size));
            channels.add(channel);
        }
    }

    /** One message out on every connection, every echo back: returns the number of messages. */
    int round() throws IOException {
        for (SocketChannel channel : channels) {
            ByteBuffer out = ByteBuffer.wrap(message);
            while (out.hasRemaining()) {
                channel.write(out); // a small message into an empty socket buffer: takes it at once
            }
            SelectionKey key = channel.keyFor(selector);
            ((ByteBuffer) key.attachment()).clear();
            key.interestOps(SelectionKey.OP_READ);
        }
        int pending = channels.size();
        while (pending > 0) {
            if (selector.select(10_000) == 0) {
                throw new IOException("no echo for 10 s with " + pending + " outstanding");
            }
            Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
            while (ready.hasNext()) {
                SelectionKey key = ready.next();
                ready.remove();
                ByteBuffer in = (ByteBuffer) key.attachment();
                if (((SocketChannel) key.channel()).read(in) == -1) {
                    throw new IOException("server closed a connection");
                }
                if (!in.hasRemaining()) {
                    if (!java.util.Arrays.equals(in.array(), message)) {
                        throw new IOException("wrong echo");
                    }
                    key.interestOps(0);
                    pending--;
                }
            }
        }
        return channels.size();
    }

    @Override
    public void close() throws IOException {
        for (SocketChannel channel : channels) {
            channel.close();
        }
        selector.close();
    }
}
