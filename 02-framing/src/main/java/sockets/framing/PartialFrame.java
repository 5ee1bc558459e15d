package sockets.framing;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The payload of one frame being filled from chunks. The header's length is only a claim: a peer can
 * declare a megabyte and send one byte. So the buffer starts small and doubles as bytes really arrive,
 * never past the declared length, each step drawn from the server's {@link MemoryBudget}. A peer gets
 * memory by sending bytes, not by asking. (The price: a large frame is copied once more per doubling.)
 */
final class PartialFrame {
    static final int FIRST_CAPACITY = 4096;
    private static final byte[] NONE = new byte[0];

    private final MemoryBudget budget;
    private final boolean keep;
    private byte[] bytes = NONE;
    private int have;
    private int need = -1;

    /** {@code keep} false: count the frame's bytes as they pass, keep none (a frame's end is all that is wanted). */
    PartialFrame(MemoryBudget budget, boolean keep) {
        this.budget = budget;
        this.keep = keep;
    }

    /** Starts a frame of exactly {@code length} bytes, of which {@code prefix} are already known. */
    void start(int length, byte[] prefix) throws MemoryBudgetException {
        need = length;
        have = 0;
        if (keep) {
            grow(Math.min(length, Math.max(prefix.length, FIRST_CAPACITY)));
            System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        }
        have = prefix.length;
    }

    /** Copies what it can from {@code chunk}; true when the frame is complete. */
    boolean fill(ByteBuffer chunk) throws MemoryBudgetException {
        int n = Math.min(need - have, chunk.remaining());
        if (!keep) {
            chunk.position(chunk.position() + n);
            have += n;
            return have == need;
        }
        if (have + n > bytes.length) {
            grow((int) Math.min(need, Math.max(have + n, 2L * bytes.length)));
        }
        chunk.get(bytes, have, n);
        have += n;
        return have == need;
    }

    /** The complete frame (empty if not kept), now the caller's, no longer the budget's; the holder is empty again. */
    byte[] take() {
        byte[] done = bytes;
        budget.release(done.length);
        bytes = NONE;
        have = 0;
        need = -1;
        return done;
    }

    /** Gives back what an unfinished frame holds: the connection has ended. */
    void release() {
        budget.release(bytes.length);
        bytes = NONE;
        have = 0;
        need = -1;
    }

    private void grow(int capacity) throws MemoryBudgetException {
        if (!budget.tryReserve(capacity - bytes.length)) {
            throw new MemoryBudgetException(need, budget);
        }
        bytes = bytes.length == 0 ? new byte[capacity] : Arrays.copyOf(bytes, capacity);
    }

    boolean active() {
        return need >= 0;
    }

    int have() {
        return have;
    }

    int need() {
        return Math.max(need, 0);
    }
}
