package sockets.framing;

/** Bytes that break the framing's rules: a non-digit in a length, a missing comma, an unknown type. */
public final class CorruptFrameException extends FrameException {
    public CorruptFrameException(String message) {
        super(message);
    }

    /** Describes one byte for a message: {@code 'x' (0x78)}, or just the hex for a non-printable byte. */
    static String describe(byte b) {
        int value = b & 0xff;
        String hex = String.format("0x%02x", value);
        return value >= 0x20 && value < 0x7f ? "'" + (char) value + "' (" + hex + ")" : hex;
    }
}
