package sockets.udp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An SNTP packet (RFC 4330): 48 bytes, big-endian.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |LI | VN  |Mode |    Stratum    |     Poll      |   Precision   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          Root Delay (s16.16)                  |
 * |                       Root Dispersion (u16.16)                |
 * |                     Reference Identifier (4 B)                |
 * |                   Reference Timestamp (64 bits)               |
 * |                   Originate Timestamp (64 bits)     T1 echoed |
 * |                    Receive Timestamp (64 bits)      T2        |
 * |                    Transmit Timestamp (64 bits)     T3 (or T1)|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   LI leap indicator (2 bits), VN version (3 bits), Mode (3 bits): 3 client, 4 server
 * </pre>
 */
public record SntpPacket(int leap, int version, int mode, int stratum, int poll, int precision, int rootDelay,
                         int rootDispersion, String referenceId, long reference, long originate, long receive,
                         long transmit) {
    public static final int SIZE = 48;
    public static final int MODE_CLIENT = 3;
    public static final int MODE_SERVER = 4;

    /** What a client sends: version 4, mode 3, and its own clock in the transmit timestamp (T1). */
    public static SntpPacket request(long transmit) {
        return new SntpPacket(0, 4, MODE_CLIENT, 0, 0, 0, 0, 0, "", 0, 0, 0, transmit);
    }

    public ByteBuffer encode() {
        ByteBuffer out = ByteBuffer.allocate(SIZE);
        out.put((byte) ((leap & 0x3) << 6 | (version & 0x7) << 3 | (mode & 0x7)));
        out.put((byte) stratum);
        out.put((byte) poll);
        out.put((byte) precision);
        out.putInt(rootDelay);
        out.putInt(rootDispersion);
        byte[] id = new byte[4];
        byte[] given = referenceId.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(given, 0, id, 0, Math.min(4, given.length));
        out.put(id);
        out.putLong(reference);
        out.putLong(originate);
        out.putLong(receive);
        out.putLong(transmit);
        return out.flip();
    }

    /** Decodes a datagram; refuses anything shorter than 48 bytes (an extension field may follow; ignored). */
    public static SntpPacket decode(ByteBuffer in) throws MalformedPacketException {
        if (in.remaining() < SIZE) {
            throw new MalformedPacketException("packet of " + in.remaining() + " bytes; SNTP needs " + SIZE);
        }
        int first = Byte.toUnsignedInt(in.get());
        int stratum = Byte.toUnsignedInt(in.get());
        int poll = in.get();
        int precision = in.get();
        int rootDelay = in.getInt();
        int rootDispersion = in.getInt();
        byte[] id = new byte[4];
        in.get(id);
        String referenceId = stratum <= 1 ? new String(id, StandardCharsets.US_ASCII).replace("\0", "") : "";
        return new SntpPacket(first >>> 6, (first >>> 3) & 0x7, first & 0x7, stratum, poll, precision, rootDelay,
                rootDispersion, referenceId, in.getLong(), in.getLong(), in.getLong(), in.getLong());
    }
}
