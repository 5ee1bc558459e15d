package sockets.framing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A way to mark where each message ends on a byte stream: an encoder for the sender and a decoder
 * factory for the receiver. The HOWTO: messages "must either be fixed length, or be delimited, or
 * indicate how long they are, or end by shutting down the connection".
 */
public interface Framing {

    /** The name as given on the command line: {@code fixed:16}, {@code line}, {@code length}, ... */
    String name();

    /** The largest payload this framing accepts (decoder and encoder alike). */
    int maxFrame();

    /** A decoder for one stream, holding its unfinished message in memory drawn from {@code budget}. */
    FrameDecoder newDecoder(MemoryBudget budget);

    /** A decoder for one stream, on its own: no budget but the frame limit. */
    default FrameDecoder newDecoder() {
        return newDecoder(MemoryBudget.unlimited());
    }

    /**
     * Writes {@code message} as one frame. Throws {@link IllegalArgumentException} for a message this
     * framing cannot carry (too long, a newline inside a line, a typed message of the wrong length).
     */
    void encode(byte[] message, OutputStream out) throws IOException;

    /** {@code message} as one frame's bytes. */
    default byte[] encode(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 16);
        try {
            encode(message, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /** Refuses a payload over {@link #maxFrame()}: the sender's side of the same limit. */
    default void checkLength(byte[] message) {
        if (message.length > maxFrame()) {
            throw new IllegalArgumentException(
                    "message of " + message.length + " bytes exceeds the " + name() + " maximum " + maxFrame());
        }
    }
}
