package sockets.framing;

import java.io.IOException;
import sockets.blocking.Connection;
import sockets.blocking.StreamHandler;

/**
 * Echoes each complete message back, framed the same way. A malformed or oversized frame ends this
 * connection with a {@link FrameException} naming the fault; the server logs it with the peer. The
 * frames being read are held in memory drawn from the server's {@link MemoryBudget}, shared by every
 * connection, and given back when the connection ends, however it ends.
 */
public final class FrameEchoHandler implements StreamHandler {
    private final Framing framing;
    private final MemoryBudget budget;

    public FrameEchoHandler(Framing framing, MemoryBudget budget) {
        this.framing = framing;
        this.budget = budget;
    }

    /** With a budget of {@link MemoryBudget#DEFAULT}. */
    public FrameEchoHandler(Framing framing) {
        this(framing, new MemoryBudget(MemoryBudget.DEFAULT));
    }

    @Override
    public void handle(Connection connection) throws IOException {
        FrameDecoder decoder = framing.newDecoder(budget);
        try {
            FrameReader reader = new FrameReader(connection.input(), decoder);
            FrameWriter writer = new FrameWriter(connection.output(), framing);
            for (byte[] message = reader.read(); message != null; message = reader.read()) {
                writer.write(message);
            }
            connection.shutdownOutput();
        } finally {
            decoder.close();
        }
    }
}
