package sockets.udp;

import java.time.Instant;
import sockets.binary.TimeProtocol;

/**
 * NTP's 64-bit timestamp: 32 bits of seconds since 1900-01-01T00:00Z, then 32 bits of fraction of a second
 * (units of 2^-32 s, about 233 picoseconds), big-endian, both unsigned.
 * <pre>
 * +-------------------------------+-------------------------------+
 * | seconds since 1900 (u32 BE)   | fraction of a second (u32 BE) |
 * +-------------------------------+-------------------------------+
 * </pre>
 * The seconds wrap in 2036 as RFC 868's do; the same top-bit rule (RFC 4330, section 3) places them.
 */
public final class NtpTimestamp {
    private static final long FRACTIONS_PER_SECOND = 1L << 32;

    private NtpTimestamp() {
    }

    /** {@code time} as the 64-bit value (seconds in the high half, fraction in the low). */
    public static long of(Instant time) {
        long seconds = (time.getEpochSecond() + TimeProtocol.SECONDS_1900_TO_1970) & 0xffff_ffffL;
        long fraction = (time.getNano() * FRACTIONS_PER_SECOND) / 1_000_000_000L;
        return (seconds << 32) | fraction;
    }

    /** The instant a 64-bit NTP timestamp names; 0 means "not set" and has no instant. */
    public static Instant toInstant(long ntp) {
        long seconds = ntp >>> 32;
        long fraction = ntp & 0xffff_ffffL;
        boolean eraZero = (seconds & 0x8000_0000L) != 0;
        long since1900 = eraZero ? seconds : seconds + TimeProtocol.ERA;
        long nanos = (fraction * 1_000_000_000L) >>> 32;
        return Instant.ofEpochSecond(since1900 - TimeProtocol.SECONDS_1900_TO_1970, nanos);
    }
}
