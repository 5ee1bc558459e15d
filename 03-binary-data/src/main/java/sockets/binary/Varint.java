package sockets.binary;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Variable-length integers as Protocol Buffers writes them (unsigned LEB128): 7 bits per byte, least
 * significant group first, the top bit set on every byte but the last. Small numbers take few bytes.
 * <pre>
 *   1    -> 01
 *   127  -> 7f
 *   128  -> 80 01
 *   300  -> ac 02        (300 = 0b10_0101100: 0101100 with the continuation bit, then 10)
 *   2^64-1 -> ff ff ff ff ff ff ff ff ff 01   (10 bytes, the most a 64-bit value takes)
 * </pre>
 * Signed values go through ZigZag first, so that small negative numbers stay small:
 * 0 -> 0, -1 -> 1, 1 -> 2, -2 -> 3, ...
 */
public final class Varint {
    public static final int MAX_BYTES = 10;

    private Varint() {
    }

    /** Writes {@code value} as an unsigned 64-bit varint (a negative long is a value above 2^63). */
    public static void write(long value, ByteArrayOutputStream out) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    public static void write(long value, ByteBuffer out) {
        while ((value & ~0x7fL) != 0) {
            out.put((byte) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.put((byte) value);
    }

    /** Bytes {@link #write} would use. */
    public static int size(long value) {
        int bits = 64 - Long.numberOfLeadingZeros(value | 1);
        return (bits + 6) / 7;
    }

    /** Reads one varint; refuses more than 10 bytes, or a 10th byte carrying more than the 64th bit. */
    public static long read(ByteBuffer in) throws BinaryFormatException {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (!in.hasRemaining()) {
                throw new TruncatedInputException("varint byte " + (i + 1), 1, 0); // the message only when needed
            }
            byte b = in.get();
            if (i == MAX_BYTES - 1 && (b & 0xfe) != 0) {
                throw new MalformedFieldException("varint overflows 64 bits at its 10th byte");
            }
            value |= (long) (b & 0x7f) << (7 * i);
            if (b >= 0) {
                return value;
            }
        }
        throw new MalformedFieldException("varint longer than " + MAX_BYTES + " bytes");
    }

    public static long zigzag(long signed) {
        return (signed << 1) ^ (signed >> 63);
    }

    public static long unzigzag(long encoded) {
        return (encoded >>> 1) ^ -(encoded & 1);
    }
}
