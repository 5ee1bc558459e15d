package sockets.framing;

/**
 * The server's memory budget cannot hold this frame's next bytes: the frame is within its own limit,
 * but the server holds too much for other peers already. The connection ends; the others go on.
 */
public final class MemoryBudgetException extends FrameException {
    public MemoryBudgetException(long frameLength, MemoryBudget budget) {
        super("server memory budget spent (" + budget + " held): cannot take more of a " + frameLength
                + "-byte frame");
    }
}
