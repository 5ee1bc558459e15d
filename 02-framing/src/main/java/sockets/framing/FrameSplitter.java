package sockets.framing;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Finds whole frames in a stream and hands back each one as the bytes that carried it: header, payload
 * and trailer, exactly as they came. What an echo server needs, since its reply is the same frame; and
 * cheaper than decoding: the parsing and limits are the decoder's, but no payload is copied out (the
 * decoder is handed a {@link CountedFrame}, which counts a payload's bytes and keeps none). The splitter learns where
 * a frame ends from when the decoder calls back (the contract {@link FrameDecoder#feed} states).
 *
 * <p>Why {@link CountedFrame} exists, only for this class: without it, a frame that spans
 * reads is held twice (its bytes here, its payload in the decoder). Throughput is the same either way (chapter
 * 05's echo benchmark, fixed-length frames against plain echo, docs/bench/05-nonblocking-select.md), but the
 * memory is not: a server sent 200 declared megabytes held 1,638,400 bytes without the mode, against a bound
 * of 856,064 with it ({@code FrameServerContract.aDeclaredLengthCostsNothingUntilItsBytesArrive}).
 *
 * <p>A frame that lies within one chunk is handed back as a view of that chunk: no copy at all. Only the
 * start of a frame that the next chunk will finish is kept (copied once, drawn from the budget), and the
 * frame is handed back from there when it completes. A view is valid during the call only.
 */
public final class FrameSplitter {
    private final FrameDecoder decoder;
    private final MemoryBudget budget;
    private byte[] kept = new byte[0];
    private int keptLength;

    public FrameSplitter(Framing framing, MemoryBudget budget) {
        // A framing from elsewhere gets its own decoder: correct, but a frame cut across reads is then held twice.
        this.decoder = framing instanceof BoundedFraming own ? own.newDecoder(new CountedFrame(budget))
                : framing.newDecoder(budget);
        this.budget = budget;
    }

    /** Consumes all of {@code chunk}; passes every frame it completes to {@code frames}, in order. */
    public void feed(ByteBuffer chunk, Consumer<ByteBuffer> frames) throws FrameException {
        int[] start = {chunk.position()};
        MemoryBudgetException[] refused = {null};
        decoder.feed(chunk, ended -> {
            int end = chunk.position(); // the decoder calls back just past the frame's last byte
            if (keptLength == 0) {
                frames.accept(chunk.slice(start[0], end - start[0]));
            } else if (keep(chunk, start[0], end, refused)) {
                frames.accept(ByteBuffer.wrap(kept, 0, keptLength));
                keptLength = 0;
            }
            start[0] = end;
        });
        if (refused[0] != null) {
            throw refused[0];
        }
        if (start[0] < chunk.limit() && !keep(chunk, start[0], chunk.limit(), refused)) {
            throw refused[0];
        }
    }

    /** Appends {@code chunk[from, to)} to the frame being kept, growing within the budget. */
    private boolean keep(ByteBuffer chunk, int from, int to, MemoryBudgetException[] refused) {
        int n = to - from;
        if (keptLength + n > kept.length) {
            int capacity = Math.max(keptLength + n, Math.max(2 * kept.length, PartialFrame.FIRST_CAPACITY));
            if (!budget.tryReserve(capacity - kept.length)) {
                refused[0] = new MemoryBudgetException(keptLength + n, budget);
                return false;
            }
            kept = Arrays.copyOf(kept, capacity);
        }
        chunk.get(from, kept, keptLength, n);
        keptLength += n;
        return true;
    }

    /** Bytes of a frame begun and not yet whole: received, and not yet answered. */
    public int holding() {
        return keptLength;
    }

    /** The stream ended: throws {@link TruncatedFrameException} if it ended inside a frame. */
    public void finish() throws FrameException {
        decoder.finish();
    }

    /** Gives back to the budget what this splitter holds. */
    public void close() {
        decoder.close();
        budget.release(kept.length);
        kept = new byte[0];
        keptLength = 0;
    }
}
