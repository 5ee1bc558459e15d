package sockets.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineFramingTest extends FramingContract implements FramingContract.Limited {
    private final LineFraming framing = new LineFraming(LineFraming.DEFAULT_MAX);

    @Override
    public Framing framing() {
        return framing;
    }

    @Override
    protected byte[] randomMessage(Random random) {
        byte[] bytes = randomBytes(random, 4096);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                bytes[i] = ' ';
            }
        }
        return bytes;
    }

    /** The limit holds while scanning: 101 bytes with no newline are refused without waiting for one. */
    @Test
    void aLineOverTheLimitIsRefusedBeforeItsNewlineComes() throws Exception {
        LineFraming small = new LineFraming(100);
        FrameDecoder decoder = small.newDecoder();
        decoder.feed(ByteBuffer.wrap(new byte[60]), m -> { });
        FrameTooLongException fault = assertThrows(FrameTooLongException.class,
                () -> decoder.feed(ByteBuffer.wrap(new byte[41]), m -> { }));
        assertEquals(101, fault.length());
        assertTrue(decoder.buffered() <= 100, "it never held more than the limit: " + decoder.buffered());
    }

    @Test
    void aLineExactlyAtTheLimitIsAccepted() throws Exception {
        LineFraming small = new LineFraming(100);
        List<byte[]> got = new ArrayList<>();
        small.newDecoder().feed(ByteBuffer.wrap(small.encode(new byte[100])), got::add);
        assertEquals(100, got.get(0).length);
    }

    /**
     * The HOWTO warns that a C program's {@code strlen} stops at the first zero byte. Java's strings and
     * byte arrays carry zeros like any other byte: a line with zeros inside, and one of zeros only, come
     * back whole, where {@code strlen} would have cut them at 2 and 0 bytes.
     */
    @Test
    void zeroBytesInsideALineArePayloadNotAnEnd() throws Exception {
        byte[] inside = {'h', 'i', 0, 't', 'h', 'e', 'r', 'e', 0};
        byte[] zeros = new byte[16];
        List<byte[]> got = new ArrayList<>();
        FrameDecoder decoder = framing.newDecoder();
        decoder.feed(ByteBuffer.wrap(framing.encode(inside)), got::add);
        decoder.feed(ByteBuffer.wrap(framing.encode(zeros)), got::add);
        assertArrayEquals(inside, got.get(0));
        assertArrayEquals(zeros, got.get(1));
        assertEquals(9, new String(got.get(0), StandardCharsets.ISO_8859_1).length(), "a Java string keeps all nine");
    }

    @Test
    void aCarriageReturnBeforeTheNewlineIsPayload() throws Exception {
        List<byte[]> got = new ArrayList<>();
        framing.newDecoder().feed(ByteBuffer.wrap("hi\r\n".getBytes(StandardCharsets.US_ASCII)), got::add);
        assertArrayEquals("hi\r".getBytes(StandardCharsets.US_ASCII), got.get(0));
    }

    @Test
    void aStreamEndingWithoutANewlineIsTruncated() {
        TruncatedFrameException fault = Faults.expect(TruncatedFrameException.class, framing, "no newline");
        assertEquals("connection closed in a line after 10 bytes with no newline", fault.getMessage());
    }

    @Test
    void theEncoderRefusesANewlineInsideALine() {
        assertThrows(IllegalArgumentException.class, () -> framing.encode("a\nb".getBytes(StandardCharsets.US_ASCII)));
    }
}
