package sockets.framing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Feeding malformed input to a fresh decoder and catching the fault it must raise. */
final class Faults {
    private Faults() {
    }

    /** Feeds {@code input} then finishes; returns the fault of type {@code expected}, or fails. */
    static <T extends FrameException> T expect(Class<T> expected, Framing framing, byte[] input) {
        FrameDecoder decoder = framing.newDecoder();
        return assertThrows(expected, () -> {
            decoder.feed(ByteBuffer.wrap(input), m -> { });
            decoder.finish();
        });
    }

    static <T extends FrameException> T expect(Class<T> expected, Framing framing, String input) {
        return expect(expected, framing, input.getBytes(StandardCharsets.ISO_8859_1));
    }
}
