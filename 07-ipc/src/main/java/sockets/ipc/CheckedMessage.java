package sockets.ipc;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The self-checking message {@code shm-produce} writes into the ring and {@code shm-consume} reads back: a
 * u64 sequence number, the u32 CRC-32 of the payload, then the payload, all big-endian. A reader that finds
 * each number in turn and each checksum right knows the ring lost, reordered and damaged nothing. Message
 * {@code seq}'s payload is 0 to 60 bytes, and every thousandth is 100,000 bytes: larger than a small ring,
 * so that a message must wrap around it.
 */
public final class CheckedMessage {
    /** Bytes before the payload: the sequence number and the checksum. */
    public static final int HEADER = 12;

    private CheckedMessage() {
    }

    /** Message {@code seq}: its number, the CRC-32 of its payload, and a payload whose size varies with it. */
    public static byte[] make(long seq) {
        int size = (int) (seq % 1000 == 999 ? 100_000 : seq % 61);
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (seq * 31 + i);
        }
        CRC32 crc = new CRC32();
        crc.update(payload);
        return ByteBuffer.allocate(HEADER + size).putLong(seq).putInt((int) crc.getValue()).put(payload).array();
    }

    /** What is wrong with {@code message} if it should be number {@code expected}, in words; empty if nothing. */
    public static Optional<String> fault(byte[] message, long expected) {
        if (message.length < HEADER) {
            return Optional.of("message " + expected + " expected, " + message.length + " bytes arrived");
        }
        ByteBuffer in = ByteBuffer.wrap(message);
        long seq = in.getLong();
        if (seq != expected) {
            return Optional.of("message " + expected + " expected, message " + seq + " arrived");
        }
        int crc = in.getInt();
        CRC32 check = new CRC32();
        check.update(in);
        if ((int) check.getValue() != crc) {
            return Optional.of("message " + seq + " arrived damaged (its CRC-32 differs)");
        }
        return Optional.empty();
    }
}
