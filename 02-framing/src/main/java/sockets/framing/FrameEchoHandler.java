package sockets.framing;

import java.io.IOException;
import java.net.Socket;
import sockets.blocking.ConnectionHandler;

/**
 * Echoes each complete message back, framed the same way. A malformed or oversized frame ends this
 * connection with a {@link FrameException} naming the fault; the server logs it with the peer.
 */
public final class FrameEchoHandler implements ConnectionHandler {
    private final Framing framing;

    public FrameEchoHandler(Framing framing) {
        this.framing = framing;
    }

    @Override
    public void handle(Socket socket) throws IOException {
        FrameReader reader = new FrameReader(socket.getInputStream(), framing.newDecoder());
        FrameWriter writer = new FrameWriter(socket.getOutputStream(), framing);
        for (byte[] message = reader.read(); message != null; message = reader.read()) {
            writer.write(message);
        }
        socket.shutdownOutput();
    }
}
