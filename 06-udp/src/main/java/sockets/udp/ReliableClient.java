package sockets.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;

/**
 * Reliable request/response over UDP, stop-and-wait: each request carries a sequence number; the client
 * sends it and waits; no reply in time means send it again; a reply with another number (a late duplicate
 * of an earlier one) is ignored. The server ({@link ReliableServer}) answers a repeated number from its
 * cache instead of delivering it twice. One request in flight at a time: simple, and slow on a long path
 * (a sliding window is the exercise).
 * <pre>
 * +------------------+---------------------+
 * | sequence u32 BE  | payload             |
 * +------------------+---------------------+
 * </pre>
 */
public final class ReliableClient implements AutoCloseable {
    static final int HEADER = 4;

    private final DatagramChannel channel;
    private final Duration timeout;
    private final int maxTries;
    private final ByteBuffer in = ByteBuffer.allocate(UdpServer.MAX_DATAGRAM);
    private long sequence;
    private long retransmissions;

    public ReliableClient(InetSocketAddress server, Duration timeout, int maxTries) throws IOException {
        this.channel = DatagramChannel.open().connect(server);
        this.timeout = timeout;
        this.maxTries = maxTries;
    }

    /** Sends {@code payload} until its reply comes (at most {@code maxTries} times) and returns the reply. */
    public byte[] request(byte[] payload) throws IOException {
        sequence = (sequence + 1) & 0xffff_ffffL;
        ByteBuffer datagram = ByteBuffer.allocate(HEADER + payload.length).putInt((int) sequence).put(payload).flip();
        for (int attempt = 1; attempt <= maxTries; attempt++) {
            if (attempt > 1) {
                retransmissions++;
            }
            channel.write(datagram.duplicate());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (Datagrams.receive(channel, in, Duration.ofNanos(deadline - System.nanoTime())) == null) {
                    break;
                }
                if (in.remaining() >= HEADER && Integer.toUnsignedLong(in.getInt()) == sequence) {
                    byte[] reply = new byte[in.remaining()];
                    in.get(reply);
                    return reply;
                }
                // a reply to an earlier request, delivered late or twice: not ours
            }
        }
        throw new SocketTimeoutException("no reply to request " + sequence + " after " + maxTries + " tries");
    }

    /** Requests sent more than once so far: the loss the layer has hidden. */
    public long retransmissions() {
        return retransmissions;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
