package sockets.binary;

/** A declared length over the decoder's limit: refused before anything of that size is allocated. */
public final class FieldTooLongException extends BinaryFormatException {
    public FieldTooLongException(String field, long length, long maximum) {
        super(field + " length " + length + " exceeds maximum " + maximum);
    }
}
