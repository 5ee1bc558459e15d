package sockets.select;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import sockets.framing.FrameSplitter;
import sockets.framing.Framing;
import sockets.framing.MemoryBudget;

/**
 * Echoes each complete message back, framed the same way. The reply to a frame is that frame, byte for
 * byte, so nothing is decoded into a message and encoded again: chapter 02's {@link FrameSplitter} finds
 * where each frame ends (with the framing's own parsing and limits) and hands its bytes straight to the
 * connection's output queue, which copies them once, the one copy that must be kept until the socket
 * takes it. A frame cut across reads is kept by the splitter until it is whole, within {@code budget}, the
 * same budget the server's output queues draw from.
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
        this(framing, new MemoryBudget(MemoryBudget.serverDefault()));
    }

    @Override
    public int largestReply() {
        return framing.maxFrame() + FRAMING_OVERHEAD;
    }

    @Override
    public Session open(SocketAddress peer) {
        FrameSplitter splitter = new FrameSplitter(framing, budget);
        return new Session() {
            @Override
            public void onData(ByteBuffer in, Outbox out) throws IOException {
                splitter.feed(in, out::write);
            }

            @Override
            public void onEndOfStream(Outbox out) throws IOException {
                splitter.finish();
            }

            @Override
            public long holding() {
                return splitter.holding();
            }

            @Override
            public void onClose() {
                splitter.close();
            }
        };
    }
}
