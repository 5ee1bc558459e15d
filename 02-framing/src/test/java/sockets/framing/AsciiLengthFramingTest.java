package sockets.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sockets.framing.grading.FrameChecks;

class AsciiLengthFramingTest extends FramingContract implements FramingContract.Corruptible {
    private final AsciiLengthFraming framing = new AsciiLengthFraming(AsciiLengthFraming.LIMIT);

    @Override
    public byte[] garbage() {
        return FrameChecks.garbageFor(framing);
    }

    @Override
    public Framing framing() {
        return framing;
    }

    @Override
    protected byte[] randomMessage(Random random) {
        return randomBytes(random, 4096);
    }

    @Test
    void theLengthIsFiveZeroPaddedDigits() {
        assertArrayEquals("00003abc".getBytes(StandardCharsets.US_ASCII),
                framing.encode("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aNonDigitInTheLengthIsCorrupt() {
        CorruptFrameException fault = Faults.expect(CorruptFrameException.class, framing, "00x12");
        assertEquals("ascii length byte 3 of 5 is 'x' (0x78), not a digit", fault.getMessage());
    }

    @Test
    void aNegativeLengthIsCorrupt() {
        Faults.expect(CorruptFrameException.class, framing, "-0005hello");
    }

    @Test
    void aLengthOverTheMaximumIsTooLong() {
        FrameTooLongException fault = Faults.expect(FrameTooLongException.class, new AsciiLengthFraming(100), "00101");
        assertEquals(101, fault.length());
    }

    @Test
    void aStreamEndingInTheDigitsSaysSo() {
        TruncatedFrameException fault = Faults.expect(TruncatedFrameException.class, framing, "000");
        assertEquals("connection closed after 3 of 5 ascii-length bytes", fault.getMessage());
    }
}
