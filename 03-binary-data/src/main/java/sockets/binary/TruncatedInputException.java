package sockets.binary;

/** The input ended before a field did. */
public final class TruncatedInputException extends BinaryFormatException {
    public TruncatedInputException(String field, int need, int have) {
        super(field + " needs " + need + " bytes, only " + have + " left");
    }
}
