package sockets.framing;

import java.io.IOException;
import sockets.blocking.Connection;
import sockets.blocking.StreamHandler;

/**
 * Echoes each complete message back, framed the same way. A malformed or oversized frame ends this
 * connection with a {@link FrameException} naming the fault; the server logs it with the peer.
 */
public final class FrameEchoHandler implements StreamHandler {
    private final Framing framing;

    public FrameEchoHandler(Framing framing) {
        this.framing = framing;
    }

    @Override
    public void handle(Connection connection) throws IOException {
        FrameReader reader = new FrameReader(connection.input(), framing.newDecoder());
        FrameWriter writer = new FrameWriter(connection.output(), framing);
        for (byte[] message = reader.read(); message != null; message = reader.read()) {
            writer.write(message);
        }
        connection.shutdownOutput();
    }
}
