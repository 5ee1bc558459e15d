package sockets.binary;

/** A field whose bytes break its format: invalid UTF-8, a varint with too many bytes. */
public final class MalformedFieldException extends BinaryFormatException {
    public MalformedFieldException(String message) {
        super(message);
    }
}
