package sockets.framing;

import java.io.IOException;

/**
 * A peer sent bytes that are not a valid stream of frames. The connection cannot go on (where the next
 * frame starts is no longer known), so whoever reads it closes it and names the peer.
 * Subclasses say which fault: too long, corrupt, cut short by the end of the stream, or more than the
 * server's memory budget can hold now.
 */
public abstract sealed class FrameException extends IOException
        permits FrameTooLongException, CorruptFrameException, TruncatedFrameException, MemoryBudgetException {
    protected FrameException(String message) {
        super(message);
    }
}
