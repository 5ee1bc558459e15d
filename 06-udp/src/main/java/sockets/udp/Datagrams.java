package sockets.udp;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;

/** Receiving a datagram with a bound on the wait: a {@link DatagramChannel} has no SO_TIMEOUT of its own. */
public final class Datagrams {
    private Datagrams() {
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
