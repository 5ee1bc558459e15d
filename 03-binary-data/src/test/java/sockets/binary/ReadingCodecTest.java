package sockets.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The record decoder refuses what it cannot trust, each fault with its own type. */
class ReadingCodecTest {
    private final ReadingCodec codec = new ReadingCodec(16);
    private final byte[] encoded = codec.encode(new Reading(1, 2, 3, 4.5, "degC"));

    @Test
    void everyTruncationIsRefusedAsTruncated() {
        for (int length = 0; length < encoded.length; length++) {
            int cut = length;
            assertThrows(TruncatedInputException.class, () -> codec.decode(ByteBuffer.wrap(encoded, 0, cut)),
                    "cut after " + cut + " bytes");
        }
    }

    @Test
    void aTruncationNamesTheFieldAndTheCounts() {
        TruncatedInputException fault = assertThrows(TruncatedInputException.class,
                () -> codec.decode(ByteBuffer.wrap(encoded, 0, 10)));
        assertEquals("micros needs 8 bytes, only 4 left", fault.getMessage());
    }

    /** The length field says 65,535: refused against the limit of 16 before any buffer of that size exists. */
    @Test
    void anOversizedTextLengthIsRefusedBeforeAllocating() {
        byte[] lying = encoded.clone();
        lying[ReadingCodec.FIXED - 2] = (byte) 0xff;
        lying[ReadingCodec.FIXED - 1] = (byte) 0xff;
        FieldTooLongException fault = assertThrows(FieldTooLongException.class, () -> codec.decode(ByteBuffer.wrap(lying)));
        assertEquals("unit length 65535 exceeds maximum 16", fault.getMessage());
    }

    @Test
    void textThatIsNotUtf8IsMalformed() {
        byte[] bad = encoded.clone();
        bad[ReadingCodec.FIXED] = (byte) 0xc3; // starts a two-byte sequence...
        bad[ReadingCodec.FIXED + 1] = (byte) 0x28; // ...that this byte cannot continue
        assertThrows(MalformedFieldException.class, () -> codec.decode(ByteBuffer.wrap(bad)));
    }

    @Test
    void theEncoderRefusesTextOverTheLimit() {
        assertThrows(IllegalArgumentException.class, () -> codec.encode(new Reading(1, 1, 1, 1, "x".repeat(17))));
    }
}
