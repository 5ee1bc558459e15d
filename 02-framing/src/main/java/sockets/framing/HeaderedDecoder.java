package sockets.framing;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Decodes frames whose fixed-size header (possibly empty) gives the payload's length: the HOWTO's
 * "two recv loops", the first for the length, the second for the data, done on chunks instead of reads.
 * The header may arrive split across chunks like anything else.
 */
abstract class HeaderedDecoder implements FrameDecoder {
    private static final byte[] NO_PREFIX = new byte[0];

    private final byte[] header;
    private final boolean keepHeader;
    private final PartialFrame payload;
    private int headerHave;

    /**
     * {@code keepHeader}: deliver the header as the start of each message (a typed message keeps its type).
     * {@code payload}: what holds a payload while its bytes arrive.
     */
    HeaderedDecoder(int headerSize, boolean keepHeader, PartialFrame payload) {
        this.header = new byte[headerSize];
        this.keepHeader = keepHeader;
        this.payload = payload;
    }

    /** The payload length a complete header declares; refuses a corrupt or too long one at once. */
    abstract int payloadLength(byte[] header) throws FrameException;

    /** What the header is called in a truncation message: "length-prefix", "type". */
    abstract String headerName();

    @Override
    public final void feed(ByteBuffer chunk, Consumer<byte[]> sink) throws FrameException {
        while (true) {
            if (!payload.active()) {
                if (!chunk.hasRemaining()) {
                    return;
                }
                int n = Math.min(header.length - headerHave, chunk.remaining());
                chunk.get(header, headerHave, n);
                headerHave += n;
                if (headerHave < header.length) {
                    return;
                }
                int length = payloadLength(header);
                headerHave = 0;
                payload.start(keepHeader ? header.length + length : length, keepHeader ? header.clone() : NO_PREFIX);
            }
            if (!payload.fill(chunk)) {
                return;
            }
            sink.accept(payload.take());
        }
    }

    @Override
    public final void finish() throws FrameException {
        if (headerHave > 0) {
            throw new TruncatedFrameException(headerName(), headerHave, header.length);
        }
        if (payload.active()) {
            int prefix = keepHeader ? header.length : 0;
            throw new TruncatedFrameException("payload", payload.have() - prefix, payload.need() - prefix);
        }
    }

    @Override
    public final int buffered() {
        return headerHave + payload.have();
    }

    @Override
    public final void close() {
        payload.release();
    }
}
