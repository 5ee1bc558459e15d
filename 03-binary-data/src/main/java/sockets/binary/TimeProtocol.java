package sockets.binary;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The Time Protocol of RFC 868: the server sends the time as one 32-bit big-endian unsigned number of
 * seconds since 1900-01-01T00:00:00Z, and closes.
 * <pre>
 * +-------------------------------------------+
 * | seconds since 1900-01-01T00:00:00Z        |
 * | 4 bytes, big-endian, unsigned             |
 * +-------------------------------------------+
 *   2,208,988,800 = 83 aa 7e 80 = 1970-01-01T00:00:00Z
 * </pre>
 * Since 1968 the count has been above 2^31, so read as a Java {@code int} it is negative. And 32 bits
 * run out at 2036-02-07T06:28:16Z, when the count wraps to 0. A client resolves the wrap as RFC 4330
 * (SNTP) does for the same field: a value with its top bit set is in 1968-2036 (era 0); one without is in
 * 2036-2104 (era 1). That works until 2104 and needs no clock on the client.
 */
public final class TimeProtocol {
    /** Seconds from 1900-01-01 to 1970-01-01 (70 years, 17 of them leap years). */
    public static final long SECONDS_1900_TO_1970 = 2_208_988_800L;
    public static final long ERA = 1L << 32;
    public static final int SIZE = 4;

    private TimeProtocol() {
    }

    /** The 32-bit count for {@code time}, wrapped to 32 bits (as every RFC 868 server does after 2036). */
    public static long seconds(Instant time) {
        return (time.getEpochSecond() + SECONDS_1900_TO_1970) & 0xffff_ffffL;
    }

    public static byte[] encode(Instant time) {
        ByteBuffer out = ByteBuffer.allocate(SIZE); // big-endian: network order
        Wire.writeU32(out, seconds(time));
        return out.array();
    }

    /** The instant a 4-byte RFC 868 reply names, resolving the 2036 wrap by the top bit (RFC 4330). */
    public static Instant decode(byte[] reply) throws BinaryFormatException {
        ByteBuffer in = ByteBuffer.wrap(reply);
        long seconds = Wire.readU32(in, "RFC 868 time");
        return fromSeconds(seconds);
    }

    static Instant fromSeconds(long seconds) {
        boolean eraZero = (seconds & 0x8000_0000L) != 0;
        long since1900 = eraZero ? seconds : seconds + ERA;
        return Instant.ofEpochSecond(since1900 - SECONDS_1900_TO_1970);
    }
}
