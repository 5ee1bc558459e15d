package sockets.framing;

import java.nio.ByteBuffer;

/** The payload of one frame being filled from chunks: allocated once at its known length, copied into once. */
final class PartialFrame {
    private byte[] bytes;
    private int have;

    /** Starts a frame of exactly {@code length} bytes, of which {@code prefix} are already known. */
    void start(int length, byte[] prefix) {
        bytes = new byte[length];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        have = prefix.length;
    }

    /** Copies what it can from {@code chunk}; true when the frame is complete. */
    boolean fill(ByteBuffer chunk) {
        int n = Math.min(bytes.length - have, chunk.remaining());
        chunk.get(bytes, have, n);
        have += n;
        return have == bytes.length;
    }

    /** The complete frame; the holder is empty again. */
    byte[] take() {
        byte[] done = bytes;
        bytes = null;
        have = 0;
        return done;
    }

    boolean active() {
        return bytes != null;
    }

    int have() {
        return have;
    }

    int need() {
        return bytes == null ? 0 : bytes.length;
    }
}
