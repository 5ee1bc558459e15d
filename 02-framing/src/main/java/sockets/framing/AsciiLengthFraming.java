package sockets.framing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The HOWTO's "prefixing the message with its length (say, as 5 numeric characters)".
 * <pre>
 * +-------------------+----------------+
 * | length            | payload        |
 * | 5 ASCII digits    | length bytes   |
 * | '0'..'9', zero-   |                |
 * | padded: "00042"   |                |
 * +-------------------+----------------+
 * </pre>
 * Readable in a packet capture, at most 99,999 bytes a message. As the HOWTO warns, the 5 digits need
 * not arrive in one read: the decoder collects them across chunks like any other header.
 */
public final class AsciiLengthFraming extends BoundedFraming {
    public static final int DIGITS = 5;
    public static final int LIMIT = 99_999;

    public AsciiLengthFraming(int maxFrame) {
        super("ascii", maxFrame, LIMIT);
    }

    @Override
    FrameDecoder newDecoder(PartialFrame payload) {
        int maxFrame = maxFrame();
        return new HeaderedDecoder(DIGITS, false, payload) {
            @Override
            int payloadLength(byte[] digits) throws FrameException {
                int length = 0;
                for (int i = 0; i < DIGITS; i++) {
                    byte b = digits[i];
                    if (b < '0' || b > '9') {
                        throw new CorruptFrameException("ascii length byte " + (i + 1) + " of " + DIGITS + " is "
                                + CorruptFrameException.describe(b) + ", not a digit");
                    }
                    length = length * 10 + (b - '0');
                }
                if (length > maxFrame) {
                    throw new FrameTooLongException(length, maxFrame);
                }
                return length;
            }

            @Override
            String headerName() {
                return "ascii-length";
            }
        };
    }

    @Override
    public void encode(byte[] message, OutputStream out) throws IOException {
        checkLength(message);
        out.write(String.format("%05d", message.length).getBytes(StandardCharsets.US_ASCII));
        out.write(message);
    }
}
