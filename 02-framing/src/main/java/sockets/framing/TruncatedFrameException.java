package sockets.framing;

/** The stream ended in the middle of a frame: the peer closed (or vanished) mid-message. */
public final class TruncatedFrameException extends FrameException {
    public TruncatedFrameException(String part, long have, long need) {
        super("connection closed after " + have + " of " + need + " " + part + " bytes");
    }

    /** For a delimited frame, whose full length was never known. */
    public TruncatedFrameException(String message) {
        super(message);
    }
}
