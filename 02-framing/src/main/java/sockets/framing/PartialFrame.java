package sockets.framing;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The payload of one frame being filled from chunks. The header's length is only a claim: a peer can
 * declare a megabyte and send one byte. So the buffer starts small and doubles as bytes really arrive,
 * never past the declared length, each step drawn from the server's {@link MemoryBudget}. A peer gets
 * memory by sending bytes, not by asking. (The price: a large frame is copied once more per doubling.)
 *
 * <p>Two ways to use it. A frame whose length is known (a header said it): {@link #start}, then
 * {@link #fill} with each chunk until it says the frame is complete, then {@link #take}. A frame whose end
 * is found by scanning (a line): {@link #add} the bytes before the end, then {@link #take} them, or
 * {@link #whole} for a frame that lies in one chunk from start to end.
 *
 * <p>Every decoder of this chapter is handed one of these for the payload it holds. {@link CountedFrame}, a
 * subclass for chapter 05's {@link FrameSplitter}, counts the bytes and keeps none.
 */
class PartialFrame {
    static final int FIRST_CAPACITY = 4096;
    /** Where an open-ended frame's buffer starts: a line is usually short. */
    static final int FIRST_OPEN_CAPACITY = 64;
    static final byte[] NONE = new byte[0];

    /** What every byte kept here is drawn from, and given back to. */
    final MemoryBudget budget;
    /** The bytes kept so far; its length is what is drawn from the budget. Changed by {@code grow} and {@link #release}. */
    private byte[] bytes = NONE;
    /** How many of the frame's bytes have arrived (kept or, in a {@link CountedFrame}, counted). */
    int have;
    /** The frame's whole length, or -1 when no frame of known length is under way. */
    int need = -1;

    PartialFrame(MemoryBudget budget) {
        this.budget = budget;
    }

    /** Starts a frame of exactly {@code length} bytes, of which {@code prefix} are already known. */
    void start(int length, byte[] prefix) throws MemoryBudgetException {
        need = length;
        have = 0;
        grow(Math.min(length, Math.max(prefix.length, FIRST_CAPACITY)), length);
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        have = prefix.length;
    }

    /** Takes what the frame still needs from {@code chunk}, as much as it has; true when the frame is complete. */
    final boolean fill(ByteBuffer chunk) throws MemoryBudgetException {
        add(chunk, Math.min(need - have, chunk.remaining()), need);
        return have == need;
    }

    /** Takes the next {@code n} bytes of {@code chunk} into the frame, which may grow to {@code limit} bytes. */
    void add(ByteBuffer chunk, int n, int limit) throws MemoryBudgetException {
        if (have + n > bytes.length) {
            int first = need >= 0 ? FIRST_CAPACITY : FIRST_OPEN_CAPACITY;
            grow(Math.min(limit, Math.max(have + n, Math.max(2 * bytes.length, first))), need >= 0 ? need : have + n);
        }
        chunk.get(bytes, have, n);
        have += n;
    }

    /** A frame that lies whole in {@code chunk}'s next {@code n} bytes, nothing held before it: copied out at once. */
    byte[] whole(ByteBuffer chunk, int n) {
        byte[] frame = new byte[n];
        chunk.get(frame);
        return frame;
    }

    /** The complete frame, now the caller's, no longer the budget's; the holder is empty again. */
    byte[] take() {
        byte[] done = bytes.length == have ? bytes : Arrays.copyOf(bytes, have);
        release();
        return done;
    }

    /** Gives back what an unfinished frame holds: the connection has ended, or the frame is taken. */
    void release() {
        budget.release(bytes.length);
        bytes = NONE;
        have = 0;
        need = -1;
    }

    /** Grows the buffer to {@code capacity}, within the budget; {@code frameBytes} is what a refusal names. */
    private void grow(int capacity, long frameBytes) throws MemoryBudgetException {
        if (!budget.tryReserve(capacity - bytes.length)) {
            throw new MemoryBudgetException(frameBytes, budget);
        }
        bytes = bytes.length == 0 ? new byte[capacity] : Arrays.copyOf(bytes, capacity);
    }

    /** True while a frame of known length is under way. */
    final boolean active() {
        return need >= 0;
    }

    final int have() {
        return have;
    }

    final int need() {
        return Math.max(need, 0);
    }
}
