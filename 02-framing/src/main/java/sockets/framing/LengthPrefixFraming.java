package sockets.framing;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A 4-byte big-endian unsigned length, then that many bytes of payload.
 * <pre>
 * +--------+----------------+
 * | length | payload        |
 * | 4 B BE | length bytes   |
 * +--------+----------------+
 * </pre>
 * The HOWTO's "indicate how long they are (much better)": no scanning, any bytes in the payload, and the
 * receiver knows the size before the payload comes, so it refuses a frame over its limit at once.
 */
public final class LengthPrefixFraming extends BoundedFraming {
    public static final int DEFAULT_MAX = 1024 * 1024;
    static final int HEADER = 4;

    public LengthPrefixFraming(int maxFrame) {
        super("length", maxFrame, Integer.MAX_VALUE - 8);
    }

    @Override
    FrameDecoder newDecoder(PartialFrame payload) {
        int maxFrame = maxFrame();
        return new HeaderedDecoder(HEADER, false, payload) {
            @Override
            int payloadLength(byte[] h) throws FrameException {
                long length = ((h[0] & 0xffL) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
                if (length > maxFrame) {
                    throw new FrameTooLongException(length, maxFrame);
                }
                return (int) length;
            }

            @Override
            String headerName() {
                return "length-prefix";
            }
        };
    }

    @Override
    public void encode(byte[] message, OutputStream out) throws IOException {
        checkLength(message);
        int n = message.length;
        out.write(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        out.write(message);
    }
}
