package sockets.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LengthPrefixFramingTest extends FramingContract implements FramingContract.Limited {
    private final LengthPrefixFraming framing = new LengthPrefixFraming(LengthPrefixFraming.DEFAULT_MAX);

    @Override
    public Framing framing() {
        return framing;
    }

    @Override
    protected byte[] randomMessage(Random random) {
        return randomBytes(random, 4096);
    }

    @Test
    void theLengthIsFourBytesBigEndianBeforeThePayload() {
        assertArrayEquals(new byte[] {0, 0, 0, 1, 'x'}, framing.encode(new byte[] {'x'}));
        byte[] encoded = framing.encode(new byte[300]);
        assertArrayEquals(new byte[] {0, 0, 1, 0x2c}, java.util.Arrays.copyOf(encoded, 4), "300 = 0x0000012c");
    }

    /**
     * 2 GiB declared, 1 MiB allowed: refused from the 4 header bytes alone. These tests run in a 256 MiB
     * heap, so a decoder that allocated what the peer declared would die of OutOfMemoryError instead.
     */
    @Test
    void aDeclaredLengthOverTheMaximumIsRefusedFromTheHeaderAloneWithoutAllocatingIt() throws Exception {
        FrameDecoder decoder = framing.newDecoder();
        FrameTooLongException fault = assertThrows(FrameTooLongException.class,
                () -> decoder.feed(ByteBuffer.wrap(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}), m -> { }));
        assertEquals(Integer.MAX_VALUE, fault.length());
        assertEquals("frame length 2147483647 exceeds maximum 1048576", fault.getMessage());
    }

    @Test
    void theLengthIsUnsignedSoFFFFFFFFIsFourGibibytesNotMinusOne() {
        FrameTooLongException fault = Faults.expect(FrameTooLongException.class, framing,
                new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        assertEquals(4_294_967_295L, fault.length());
    }

    @Test
    void aLengthAtTheMaximumIsAccepted() throws Exception {
        LengthPrefixFraming small = new LengthPrefixFraming(10);
        java.util.List<byte[]> got = new java.util.ArrayList<>();
        small.newDecoder().feed(ByteBuffer.wrap(small.encode(new byte[10])), got::add);
        assertEquals(1, got.size());
        Faults.expect(FrameTooLongException.class, small, new byte[] {0, 0, 0, 11});
    }

    @Test
    void aStreamEndingInTheLengthPrefixSaysSo() {
        TruncatedFrameException fault = Faults.expect(TruncatedFrameException.class, framing, new byte[] {0, 0});
        assertEquals("connection closed after 2 of 4 length-prefix bytes", fault.getMessage());
    }

    @Test
    void aStreamEndingInThePayloadGivesTheCounts() {
        TruncatedFrameException fault = Faults.expect(TruncatedFrameException.class, framing,
                new byte[] {0, 0, 0, 10, 1, 2, 3});
        assertEquals("connection closed after 3 of 10 payload bytes", fault.getMessage());
    }

    @Test
    void theEncoderRefusesAMessageOverTheMaximum() {
        assertThrows(IllegalArgumentException.class, () -> new LengthPrefixFraming(3).encode(new byte[4]));
    }
}
