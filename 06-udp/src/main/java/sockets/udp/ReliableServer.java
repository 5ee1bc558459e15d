package sockets.udp;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The server side of {@link ReliableClient}'s stop-and-wait protocol. Per client it remembers the last
 * sequence number it delivered and the reply it gave: the next number is delivered to the application,
 * in order, exactly once; a repeat of the last gets the cached reply again (the first reply was lost);
 * anything older is a stale duplicate and is ignored.
 */
public final class ReliableServer implements DatagramHandler {
    private final UnaryOperator<byte[]> application;
    private final Map<SocketAddress, Last> clients = new HashMap<>();

    private record Last(long sequence, ByteBuffer reply) {
    }

    public ReliableServer(UnaryOperator<byte[]> application) {
        this.application = application;
    }

    @Override
    public synchronized ByteBuffer handle(ByteBuffer request, SocketAddress from) throws MalformedPacketException {
        if (request.remaining() < ReliableClient.HEADER) {
            throw new MalformedPacketException("datagram of " + request.remaining() + " bytes has no sequence number");
        }
        long sequence = Integer.toUnsignedLong(request.getInt());
        Last last = clients.getOrDefault(from, new Last(0, null));
        if (sequence == last.sequence() && last.reply() != null) {
            return last.reply().duplicate(); // our reply was lost: say it again, deliver nothing
        }
        if (sequence != ((last.sequence() + 1) & 0xffff_ffffL)) {
            return null; // a stale duplicate, or a client restarting with a fresh connection: not in order
        }
        byte[] payload = new byte[request.remaining()];
        request.get(payload);
        byte[] answer = application.apply(payload);
        ByteBuffer reply = ByteBuffer.allocate(ReliableClient.HEADER + answer.length).putInt((int) sequence).put(answer).flip();
        clients.put(from, new Last(sequence, reply));
        return reply.duplicate();
    }
}
