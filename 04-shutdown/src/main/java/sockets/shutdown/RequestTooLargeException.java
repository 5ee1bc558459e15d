package sockets.shutdown;

import java.io.IOException;

/** A request longer than the server accepts: answered with an error line, then the connection is closed. */
public final class RequestTooLargeException extends IOException {
    public RequestTooLargeException(long maximum) {
        super("request exceeds maximum " + maximum + " bytes; closed");
    }
}
