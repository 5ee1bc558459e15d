package sockets.framing;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Every message is exactly N bytes; nothing marks the boundaries but the count.
 * <pre>
 * +-------------+-------------+----
 * | message 1   | message 2   | ...
 * | N bytes     | N bytes     |
 * +-------------+-------------+----
 * </pre>
 * The HOWTO's simplest scheme ("yuck"): both sides must agree on N, and short messages must be padded.
 */
public final class FixedLengthFraming extends BoundedFraming {
    private final int length;

    public FixedLengthFraming(int length) {
        super("fixed:" + length, atLeastOne(length), Integer.MAX_VALUE - 8);
        this.length = length;
    }

    private static int atLeastOne(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("fixed length must be at least 1, not " + length);
        }
        return length;
    }

    @Override
    FrameDecoder newDecoder(PartialFrame payload) {
        return new HeaderedDecoder(0, false, payload) {
            @Override
            int payloadLength(byte[] header) {
                return length;
            }

            @Override
            String headerName() {
                return "header"; // there is none: never reported
            }
        };
    }

    @Override
    public void encode(byte[] message, OutputStream out) throws IOException {
        if (message.length != length) {
            throw new IllegalArgumentException(
                    "a " + name() + " message must be exactly " + length + " bytes, not " + message.length);
        }
        out.write(message);
    }
}
