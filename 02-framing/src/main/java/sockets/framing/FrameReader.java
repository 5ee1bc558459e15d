package sockets.framing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Reads whole messages from a blocking stream, on top of a {@link FrameDecoder}: the same decoder a
 * non-blocking server feeds from its selector loop, so the framing is written once.
 */
public final class FrameReader {
    private static final int CHUNK = 8192;

    private final InputStream in;
    private final FrameDecoder decoder;
    private final byte[] buffer = new byte[CHUNK];
    private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
    private boolean ended;

    public FrameReader(InputStream in, FrameDecoder decoder) {
        this.in = in;
        this.decoder = decoder;
    }

    /**
     * The next message; null once the stream has ended cleanly between messages. A stream that ends
     * inside a message throws {@link TruncatedFrameException}; bad bytes throw the decoder's fault.
     */
    public byte[] read() throws IOException {
        while (ready.isEmpty()) {
            if (ended) {
                return null;
            }
            int n = in.read(buffer);
            if (n == -1) {
                ended = true;
                decoder.finish();
                return null;
            }
            decoder.feed(ByteBuffer.wrap(buffer, 0, n), ready::add);
        }
        return ready.poll();
    }
}
