package sockets.select;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import sockets.framing.FrameDecoder;
import sockets.framing.Framing;
import sockets.framing.MemoryBudget;

/**
 * Echoes each complete message back, framed the same way, with chapter 02's decoders fed from the
 * selector. Each decoder holds its unfinished frame in memory drawn from {@code budget}, the same budget
 * the server's output queues draw from, so one limit covers everything a peer can make the server hold.
 */
public final class FramingProtocol implements Protocol {
    /** Room for any framing's header and trailer around a payload of the framing's maximum. */
    private static final int FRAMING_OVERHEAD = 32;

    private final Framing framing;
    private final MemoryBudget budget;

    public FramingProtocol(Framing framing, MemoryBudget budget) {
        this.framing = framing;
        this.budget = budget;
    }

    /** With a budget of its own, {@link MemoryBudget#DEFAULT}: for a server that is given no other. */
    public FramingProtocol(Framing framing) {
        this(framing, new MemoryBudget(MemoryBudget.DEFAULT));
    }

    @Override
    public int largestReply() {
        return framing.maxFrame() + FRAMING_OVERHEAD;
    }

    @Override
    public Session open(SocketAddress peer) {
        FrameDecoder decoder = framing.newDecoder(budget);
        return new Session() {
            @Override
            public void onData(ByteBuffer in, Outbox out) throws IOException {
                OutputStream reply = new OutboxStream(out);
                decoder.feed(in, message -> encode(message, reply));
            }

            @Override
            public void onEndOfStream(Outbox out) throws IOException {
                decoder.finish();
            }

            @Override
            public void onClose() {
                decoder.close();
            }
        };
    }

    private void encode(byte[] message, OutputStream reply) {
        try {
            framing.encode(message, reply); // straight into the connection's output chunks: no frame-sized copy
        } catch (IOException e) {
            throw new IllegalStateException("an outbox does not fail", e);
        }
    }

    /** The encoder's OutputStream, writing into the outbox. */
    private static final class OutboxStream extends OutputStream {
        private final Outbox out;

        OutboxStream(Outbox out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.write(ByteBuffer.wrap(new byte[] {(byte) b}));
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            out.write(ByteBuffer.wrap(bytes, offset, length));
        }
    }
}
