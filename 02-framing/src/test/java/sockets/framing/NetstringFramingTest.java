package sockets.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sockets.framing.grading.FrameChecks;

class NetstringFramingTest extends FramingContract implements FramingContract.Limited, FramingContract.Corruptible {
    private final NetstringFraming framing = new NetstringFraming(NetstringFraming.DEFAULT_MAX);

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
    void helloIsFiveColonHelloComma() {
        assertArrayEquals("5:hello,".getBytes(StandardCharsets.US_ASCII),
                framing.encode("hello".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals("0:,".getBytes(StandardCharsets.US_ASCII), framing.encode(new byte[0]));
    }

    @Test
    void zeroColonCommaIsTheEmptyMessage() throws Exception {
        List<byte[]> got = new ArrayList<>();
        framing.newDecoder().feed(ByteBuffer.wrap("0:,".getBytes(StandardCharsets.US_ASCII)), got::add);
        assertEquals(1, got.size());
        assertEquals(0, got.get(0).length);
    }

    @Test
    void aLeadingZeroIsCorrupt() {
        CorruptFrameException fault = Faults.expect(CorruptFrameException.class, framing, "05:hello,");
        assertEquals("netstring length has a leading zero", fault.getMessage());
    }

    @Test
    void aMissingCommaIsCorrupt() {
        CorruptFrameException fault = Faults.expect(CorruptFrameException.class, framing, "5:hello!");
        assertEquals("netstring ends with '!' (0x21), not ','", fault.getMessage());
    }

    @Test
    void anEmptyLengthIsCorrupt() {
        Faults.expect(CorruptFrameException.class, framing, ":hello,");
    }

    @Test
    void aNonDigitInTheLengthIsCorrupt() {
        Faults.expect(CorruptFrameException.class, framing, "GET / HTTP/1.1\r\n");
    }

    @Test
    void aLengthOverTheMaximumIsRefusedWhileItsDigitsAreStillArriving() {
        FrameTooLongException fault = Faults.expect(FrameTooLongException.class, new NetstringFraming(1000), "1001");
        assertEquals(1001, fault.length());
    }

    @Test
    void aStreamEndingBeforeTheCommaIsTruncated() {
        Faults.expect(TruncatedFrameException.class, framing, "5:hello");
    }
}
