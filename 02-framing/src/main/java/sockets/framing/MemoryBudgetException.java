package sockets.framing;

/**
 * The server's memory budget cannot hold this frame's next bytes: the frame is within its own limit,
 * but the server holds too much for other peers already. The connection ends; the others go on.
 */
public final class MemoryBudgetException extends FrameException {
    /** {@code frameBytes}: what the frame would hold with its next bytes, or its declared length. */
    public MemoryBudgetException(long frameBytes, MemoryBudget budget) {
        super("server memory budget spent (" + budget + " held): cannot grow a frame to " + frameBytes + " bytes");
    }
}
