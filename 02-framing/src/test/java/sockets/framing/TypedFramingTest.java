package sockets.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sockets.framing.grading.FrameChecks;

class TypedFramingTest extends FramingContract implements FramingContract.Corruptible {
    private final TypedFraming framing = new TypedFraming(TypedFraming.DEFAULT_TYPES);
    private final List<Map.Entry<Character, Integer>> types = List.copyOf(TypedFraming.DEFAULT_TYPES.entrySet());

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
        Map.Entry<Character, Integer> type = types.get(random.nextInt(types.size()));
        byte[] message = new byte[1 + type.getValue()];
        random.nextBytes(message);
        message[0] = (byte) type.getKey().charValue();
        return message;
    }

    @Test
    void theTypeDecidesTheLength() throws Exception {
        byte[] stream = "PN12345678P".getBytes(StandardCharsets.US_ASCII);
        List<byte[]> got = new ArrayList<>();
        framing.newDecoder().feed(ByteBuffer.wrap(stream), got::add);
        assertEquals(3, got.size());
        assertArrayEquals("P".getBytes(StandardCharsets.US_ASCII), got.get(0));
        assertArrayEquals("N12345678".getBytes(StandardCharsets.US_ASCII), got.get(1));
    }

    @Test
    void anUnknownTypeIsCorrupt() {
        CorruptFrameException fault = Faults.expect(CorruptFrameException.class, framing, "Zzz");
        assertEquals("unknown message type 'Z' (0x5a); known: P=0, N=8, T=32, B=1024", fault.getMessage());
    }

    @Test
    void aStreamEndingInThePayloadGivesTheCountsWithoutTheTypeByte() {
        TruncatedFrameException fault = Faults.expect(TruncatedFrameException.class, framing, "N123");
        assertEquals("connection closed after 3 of 8 payload bytes", fault.getMessage());
    }

    @Test
    void theEncoderRefusesAMessageOfTheWrongLengthForItsType() {
        assertThrows(IllegalArgumentException.class, () -> framing.encode("N123".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(IllegalArgumentException.class, () -> framing.encode(new byte[0]));
    }
}
