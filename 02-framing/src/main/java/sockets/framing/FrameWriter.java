package sockets.framing;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Writes whole messages to a blocking stream: each one framed, buffered into one write, and flushed. */
public final class FrameWriter {
    private final OutputStream out;
    private final Framing framing;

    public FrameWriter(OutputStream out, Framing framing) {
        this.out = new BufferedOutputStream(out);
        this.framing = framing;
    }

    public void write(byte[] message) throws IOException {
        framing.encode(message, out);
        out.flush(); // without it the frame may sit in our buffer while we wait for the reply
    }
}
