package sockets.framing;

/** A frame longer than the reader allows: refused as soon as its length is known, before any allocation. */
public final class FrameTooLongException extends FrameException {
    private final long length;

    public FrameTooLongException(long length, long maximum) {
        super("frame length " + length + " exceeds maximum " + maximum);
        this.length = length;
    }

    /** For a delimited frame, whose length is not known until its delimiter comes. */
    public FrameTooLongException(String what, long seen, long maximum) {
        super(what + ": " + seen + " bytes with no end in sight, maximum " + maximum);
        this.length = seen;
    }

    /** The length declared or seen so far; for an unterminated line, a lower bound. */
    public long length() {
        return length;
    }
}
