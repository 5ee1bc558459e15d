package sockets.framing;

import java.nio.ByteBuffer;

/**
 * A {@link PartialFrame} that keeps no byte: it counts a frame's bytes as they pass, so a decoder handed one
 * still parses every header, applies every limit and calls back at every frame's end, but each message it
 * hands over is empty and it draws nothing from the budget. Only {@link FrameSplitter} uses it: chapter 05's
 * echo needs where a frame ends, not a copy of its payload, and the splitter keeps the frame's bytes itself.
 * Without it a frame cut across reads would be held twice (docs/bench/05-nonblocking-select.md, "Does the
 * decoders' boundaries-only mode pay?").
 */
final class CountedFrame extends PartialFrame {
    CountedFrame(MemoryBudget budget) {
        super(budget);
    }

    @Override
    void start(int length, byte[] prefix) {
        need = length;
        have = prefix.length;
    }

    @Override
    void add(ByteBuffer chunk, int n, int limit) {
        chunk.position(chunk.position() + n);
        have += n;
    }

    @Override
    byte[] whole(ByteBuffer chunk, int n) {
        chunk.position(chunk.position() + n);
        return NONE;
    }

    @Override
    byte[] take() {
        release();
        return NONE;
    }
}
