package sockets.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedLengthFramingTest extends FramingContract {
    private final FixedLengthFraming framing = new FixedLengthFraming(37);

    @Override
    public Framing framing() {
        return framing;
    }

    @Override
    protected byte[] randomMessage(Random random) {
        byte[] message = new byte[37];
        random.nextBytes(message);
        return message;
    }

    @Test
    void aStreamEndingInsideAMessageGivesTheCounts() {
        TruncatedFrameException fault = Faults.expect(TruncatedFrameException.class, framing, new byte[37 + 5]);
        assertEquals("connection closed after 5 of 37 payload bytes", fault.getMessage());
    }

    @Test
    void theEncoderRefusesAMessageOfAnyOtherLength() {
        assertThrows(IllegalArgumentException.class, () -> framing.encode(new byte[36]));
        assertThrows(IllegalArgumentException.class, () -> framing.encode(new byte[38]));
    }
}
