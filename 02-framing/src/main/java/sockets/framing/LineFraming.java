package sockets.framing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Each message ends with a newline byte ({@code \n}, 0x0a); the payload is every byte before it.
 * <pre>
 * +---------------------------+------+
 * | payload                   | '\n' |
 * | any bytes but '\n'        | 0x0a |
 * +---------------------------+------+
 * </pre>
 * The HOWTO's "delimited (shrug)": the receiver reads chunks and scans them for the delimiter, keeping
 * what follows it for the next message. The payload cannot contain the delimiter, and the receiver does
 * not know a message's length until its end comes, so the limit is enforced while scanning: a line
 * longer than the maximum is refused as soon as it passes the maximum, not when (if ever) its newline comes.
 * A {@code \r} before the newline is payload: this framing does not guess.
 */
public final class LineFraming extends BoundedFraming {
    public static final int DEFAULT_MAX = 8 * 1024;
    private static final byte NEWLINE = '\n';
    private static final byte[] NO_BYTES = new byte[0];

    public LineFraming(int maxFrame) {
        super("line", maxFrame, Integer.MAX_VALUE - 8);
    }

    @Override
    public FrameDecoder newDecoder(MemoryBudget budget, boolean keepPayloads) {
        return new Decoder(maxFrame(), budget, keepPayloads);
    }

    @Override
    public void encode(byte[] message, OutputStream out) throws IOException {
        checkLength(message);
        for (int i = 0; i < message.length; i++) {
            if (message[i] == NEWLINE) {
                throw new IllegalArgumentException("a line cannot contain a newline (byte " + i + " is one)");
            }
        }
        out.write(message);
        out.write(NEWLINE);
    }

    private static final class Decoder implements FrameDecoder {
        private static final int FIRST_CAPACITY = 64;
        private final int maxFrame;
        private final MemoryBudget budget;
        private final boolean keepPayloads;
        private byte[] partial = new byte[0];
        private int partialLength;

        Decoder(int maxFrame, MemoryBudget budget, boolean keepPayloads) {
            this.maxFrame = maxFrame;
            this.budget = budget;
            this.keepPayloads = keepPayloads;
        }

        @Override
        public void feed(ByteBuffer chunk, Consumer<byte[]> sink) throws FrameException {
            while (chunk.hasRemaining()) {
                int start = chunk.position();
                int newline = indexOfNewline(chunk, start, chunk.limit());
                int end = newline < 0 ? chunk.limit() : newline;
                int length = partialLength + (end - start);
                if (length > maxFrame) {
                    throw new FrameTooLongException("line", length, maxFrame);
                }
                if (newline < 0) {
                    append(chunk, end - start);
                    return;
                }
                byte[] line;
                if (!keepPayloads) {
                    chunk.position(end); // only where it ends is wanted: nothing copied
                    partialLength = 0;
                    line = NO_BYTES;
                } else if (partialLength == 0) {
                    line = new byte[end - start];
                    chunk.get(line);
                } else {
                    append(chunk, end - start);
                    line = Arrays.copyOf(partial, partialLength);
                    partialLength = 0;
                }
                chunk.get(); // the newline itself
                sink.accept(line);
            }
        }

        private static int indexOfNewline(ByteBuffer chunk, int from, int to) {
            if (chunk.hasArray()) {
                byte[] array = chunk.array();
                int offset = chunk.arrayOffset();
                for (int i = from + offset, end = to + offset; i < end; i++) {
                    if (array[i] == NEWLINE) {
                        return i - offset;
                    }
                }
                return -1;
            }
            for (int i = from; i < to; i++) {
                if (chunk.get(i) == NEWLINE) {
                    return i;
                }
            }
            return -1;
        }

        /** Keeps a line's first bytes until its newline comes; the buffer grows with them, within the budget. */
        private void append(ByteBuffer chunk, int n) throws MemoryBudgetException {
            if (!keepPayloads) {
                chunk.position(chunk.position() + n); // counted, not kept
                partialLength += n;
                return;
            }
            if (partialLength + n > partial.length) {
                int capacity = Math.min(Math.max(Math.max(partial.length * 2, FIRST_CAPACITY), partialLength + n), maxFrame);
                if (!budget.tryReserve(capacity - partial.length)) {
                    throw new MemoryBudgetException(partialLength + n, budget);
                }
                partial = Arrays.copyOf(partial, capacity);
            }
            chunk.get(partial, partialLength, n);
            partialLength += n;
        }

        @Override
        public void finish() throws FrameException {
            if (partialLength > 0) {
                throw new TruncatedFrameException("connection closed in a line after " + partialLength
                        + " bytes with no newline");
            }
        }

        @Override
        public int buffered() {
            return partialLength;
        }

        @Override
        public void close() {
            budget.release(partial.length);
            partial = new byte[0];
            partialLength = 0;
        }
    }
}
