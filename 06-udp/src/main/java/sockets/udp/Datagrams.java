package sockets.udp;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import sockets.common.Servers;

/** Receiving a datagram with a bound on the wait: a {@link DatagramChannel} has no SO_TIMEOUT of its own. */
public final class Datagrams {
    private Datagrams() {
    }

    /** A datagram socket bound to {@code address}; a bind that fails says which address and why, in one line. */
    public static DatagramChannel bind(SocketAddress address) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            return channel.bind(address);
        } catch (IOException e) {
            channel.close();
            throw Servers.bindFailure(address, e);
        }
    }

    /**
     * Receives one datagram into {@code in} (cleared first, flipped after), waiting at most {@code timeout};
     * returns the sender, or null if nothing came in time. The channel is left non-blocking.
     */
    public static SocketAddress receive(DatagramChannel channel, ByteBuffer in, Duration timeout) throws IOException {
        channel.configureBlocking(false);
        in.clear();
        SocketAddress from = channel.receive(in);
        if (from == null) {
            try (Selector selector = Selector.open()) {
                channel.register(selector, SelectionKey.OP_READ);
                if (selector.select(Math.max(1, timeout.toMillis())) > 0) {
                    from = channel.receive(in);
                }
            }
        }
        in.flip();
        return from;
    }
}
