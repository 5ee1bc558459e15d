package sockets.framing;

import java.io.IOException;
import java.net.Socket;
import sockets.blocking.ConnectionHandler;

/**
 * Echoes each complete message back, framed the same way. A malformed or oversized frame ends this
 * connection with a {@link FrameException} naming the fault; the server logs it with the peer. The
 * frames being read are held in memory drawn from the server's {@link MemoryBudget}, shared by every
 * connection, and given back when the connection ends, however it ends.
 */
public final class FrameEchoHandler implements ConnectionHandler {
    private final Framing framing;
    private final MemoryBudget budget;

    public FrameEchoHandler(Framing framing, MemoryBudget budget) {
        this.framing = framing;
        this.budget = budget;
    }

    /** With a server's default budget, {@link MemoryBudget#serverDefault()}. */
    public FrameEchoHandler(Framing framing) {
        this(framing, new MemoryBudget(MemoryBudget.serverDefault()));
    }

    @Override
    public void handle(Socket socket) throws IOException {
        FrameDecoder decoder = framing.newDecoder(budget);
        try {
            FrameReader reader = new FrameReader(socket.getInputStream(), decoder);
            FrameWriter writer = new FrameWriter(socket.getOutputStream(), framing);
            for (byte[] message = reader.read(); message != null; message = reader.read()) {
                writer.write(message);
            }
            socket.shutdownOutput();
        } finally {
            decoder.close();
        }
    }
}
