package sockets.binary;

import java.io.IOException;

/** Bytes that do not decode: too few, a field longer than allowed, or a value that breaks the format. */
public abstract sealed class BinaryFormatException extends IOException
        permits TruncatedInputException, FieldTooLongException, MalformedFieldException {
    protected BinaryFormatException(String message) {
        super(message);
    }
}
