package sockets.binary;

import java.nio.ByteBuffer;

/**
 * Reading fixed-size fields from a buffer that may be short: every read checks first and names the field.
 * Every field is big-endian, network order (there are no little-endian variants here; a format that needs
 * them names them, as {@code readIntLe}); unsigned values come back in a wider type, masked.
 */
public final class Wire {
    private Wire() {
    }

    /** Throws unless {@code in} holds at least {@code n} more bytes for {@code field}. */
    public static void require(ByteBuffer in, int n, String field) throws TruncatedInputException {
        if (in.remaining() < n) {
            throw new TruncatedInputException(field, n, in.remaining());
        }
    }

    public static int readU8(ByteBuffer in, String field) throws TruncatedInputException {
        require(in, 1, field);
        return Byte.toUnsignedInt(in.get());
    }

    public static int readU16(ByteBuffer in, String field) throws TruncatedInputException {
        require(in, 2, field);
        return Short.toUnsignedInt(in.getShort());
    }

    /** A 32-bit unsigned value: 0 to 4,294,967,295, which a Java {@code int} cannot hold. */
    public static long readU32(ByteBuffer in, String field) throws TruncatedInputException {
        require(in, 4, field);
        return Integer.toUnsignedLong(in.getInt());
    }

    public static int readI32(ByteBuffer in, String field) throws TruncatedInputException {
        require(in, 4, field);
        return in.getInt();
    }

    public static long readI64(ByteBuffer in, String field) throws TruncatedInputException {
        require(in, 8, field);
        return in.getLong();
    }

    public static double readF64(ByteBuffer in, String field) throws TruncatedInputException {
        require(in, 8, field);
        return in.getDouble();
    }

    public static void writeU8(ByteBuffer out, int value) {
        out.put((byte) checkRange(value, 0xff, "u8"));
    }

    public static void writeU16(ByteBuffer out, int value) {
        out.putShort((short) checkRange(value, 0xffff, "u16"));
    }

    public static void writeU32(ByteBuffer out, long value) {
        out.putInt((int) checkRange(value, 0xffff_ffffL, "u32"));
    }

    private static long checkRange(long value, long max, String type) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(value + " does not fit in a " + type + " (0 to " + max + ")");
        }
        return value;
    }
}
