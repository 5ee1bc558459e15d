package sockets.framing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
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

    public LineFraming(int maxFrame) {
        super("line", maxFrame, Integer.MAX_VALUE - 8);
    }

    @Override
    FrameDecoder newDecoder(PartialFrame payload) {
        return new Decoder(maxFrame(), payload);
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
        private final int maxFrame;
        /** The start of a line whose newline has not come yet; empty between lines. */
        private final PartialFrame partial;

        Decoder(int maxFrame, PartialFrame partial) {
            this.maxFrame = maxFrame;
            this.partial = partial;
        }

        @Override
        public void feed(ByteBuffer chunk, Consumer<byte[]> sink) throws FrameException {
            while (chunk.hasRemaining()) {
                int start = chunk.position();
                int newline = indexOfNewline(chunk, start, chunk.limit());
                int end = newline < 0 ? chunk.limit() : newline;
                int length = partial.have() + (end - start);
                if (length > maxFrame) {
                    throw new FrameTooLongException("line", length, maxFrame);
                }
                if (newline < 0) {
                    partial.add(chunk, end - start, maxFrame); // kept until its newline comes, within the budget
                    return;
                }
                byte[] line;
                if (partial.have() == 0) {
                    line = partial.whole(chunk, end - start); // the whole line is in this chunk
                } else {
                    partial.add(chunk, end - start, maxFrame);
                    line = partial.take();
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

        @Override
        public void finish() throws FrameException {
            if (partial.have() > 0) {
                throw new TruncatedFrameException("connection closed in a line after " + partial.have()
                        + " bytes with no newline");
            }
        }

        @Override
        public int buffered() {
            return partial.have();
        }

        @Override
        public void close() {
            partial.release();
        }
    }
}
