package sockets.framing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * D. J. Bernstein's netstrings: the length in ASCII decimal, a colon, the payload, a comma.
 * <pre>
 * +-----------------+-----+----------------+-----+
 * | length          | ':' | payload        | ',' |
 * | ASCII decimal,  |     | length bytes   |     |
 * | no leading 0    |     |                |     |
 * +-----------------+-----+----------------+-----+
 *   "5:hello,"   "0:,"   (but not "05:hello," nor "5:hello")
 * </pre>
 * Strict to the spec: a length with a leading zero (other than "0" itself), an empty length, a non-digit
 * before the colon, or anything but a comma after the payload is a corrupt frame. A length over the
 * limit is refused while its digits are still arriving.
 */
public final class NetstringFraming extends BoundedFraming {
    public static final int DEFAULT_MAX = 1024 * 1024;

    public NetstringFraming(int maxFrame) {
        super("netstring", maxFrame, Integer.MAX_VALUE - 8);
    }

    @Override
    FrameDecoder newDecoder(PartialFrame payload) {
        return new Decoder(maxFrame(), payload);
    }

    @Override
    public void encode(byte[] message, OutputStream out) throws IOException {
        checkLength(message);
        out.write((message.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.write(message);
        out.write(',');
    }

    private static final class Decoder implements FrameDecoder {
        private final int maxFrame;
        private final MemoryBudget budget;
        private final PartialFrame payload;
        private long length;
        private int digits;
        private byte[] complete;

        Decoder(int maxFrame, PartialFrame payload) {
            this.maxFrame = maxFrame;
            this.budget = payload.budget;
            this.payload = payload;
        }

        @Override
        public void feed(ByteBuffer chunk, Consumer<byte[]> sink) throws FrameException {
            while (chunk.hasRemaining()) {
                if (complete != null) {
                    byte b = chunk.get();
                    if (b != ',') {
                        throw new CorruptFrameException("netstring ends with " + CorruptFrameException.describe(b)
                                + ", not ','");
                    }
                    byte[] message = complete;
                    complete = null;
                    budget.release(message.length); // delivered: the sink's now
                    sink.accept(message);
                } else if (payload.active()) {
                    if (payload.fill(chunk)) {
                        complete = takeHeld();
                    }
                } else {
                    lengthByte(chunk.get());
                }
            }
        }

        /** The payload, still counted against the budget until its closing ',' comes and it is delivered. */
        private byte[] takeHeld() {
            byte[] done = payload.take();
            budget.reserve(done.length);
            return done;
        }

        private void lengthByte(byte b) throws FrameException {
            if (b == ':') {
                if (digits == 0) {
                    throw new CorruptFrameException("netstring length is empty");
                }
                payload.start((int) length, new byte[0]);
                length = 0;
                digits = 0;
                if (payload.need() == 0) {
                    complete = takeHeld();
                }
                return;
            }
            if (b < '0' || b > '9') {
                throw new CorruptFrameException("netstring length has " + CorruptFrameException.describe(b)
                        + ", not a digit or ':'");
            }
            if (digits == 1 && length == 0) {
                throw new CorruptFrameException("netstring length has a leading zero");
            }
            length = length * 10 + (b - '0');
            digits++;
            if (length > maxFrame) {
                throw new FrameTooLongException(length, maxFrame); // the length so far: the whole is larger still
            }
        }

        @Override
        public void finish() throws FrameException {
            if (digits > 0) {
                throw new TruncatedFrameException("connection closed in a netstring length after " + digits + " digits");
            }
            if (payload.active()) {
                throw new TruncatedFrameException("payload", payload.have(), payload.need());
            }
            if (complete != null) {
                throw new TruncatedFrameException("connection closed before a netstring's closing ','");
            }
        }

        @Override
        public int buffered() {
            return digits + payload.have() + (complete == null ? 0 : complete.length);
        }

        @Override
        public void close() {
            payload.release();
            if (complete != null) {
                budget.release(complete.length);
                complete = null;
            }
        }
    }
}
