package sockets.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sockets.common.testing.TestSockets;

/** Decoders hold memory for what has arrived, not for what a header claims, and draw it from one budget. */
class MemoryBudgetTest {

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aLengthHeaderOfAMegabyteWithOneByteHoldsOneSmallBuffer() throws Exception {
        MemoryBudget budget = MemoryBudget.unlimited();
        FrameDecoder decoder = new LengthPrefixFraming(LengthPrefixFraming.DEFAULT_MAX).newDecoder(budget);
        decoder.feed(ByteBuffer.wrap(new byte[] {0, 0x10, 0, 0, 7}), m -> { });
        assertEquals(PartialFrame.FIRST_CAPACITY, budget.held());
        decoder.close();
        assertEquals(0, budget.held(), "a closed decoder gives back what it held");
    }

    @Test
    void aNetstringLengthOfAMegabyteWithOneByteHoldsOneSmallBuffer() throws Exception {
        MemoryBudget budget = MemoryBudget.unlimited();
        FrameDecoder decoder = new NetstringFraming(NetstringFraming.DEFAULT_MAX).newDecoder(budget);
        decoder.feed(bytes("1048576:x"), m -> { });
        assertEquals(PartialFrame.FIRST_CAPACITY, budget.held());
        decoder.close();
        assertEquals(0, budget.held());
    }

    @Test
    void theBufferGrowsWithTheBytesNeverPastTheDeclaredLength() throws Exception {
        MemoryBudget budget = MemoryBudget.unlimited();
        FrameDecoder decoder = new LengthPrefixFraming(LengthPrefixFraming.DEFAULT_MAX).newDecoder(budget);
        byte[] payload = TestSockets.randomBytes(11, 100_000);
        ByteBuffer frame = ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).flip();
        List<byte[]> out = new ArrayList<>();
        while (frame.hasRemaining()) {
            ByteBuffer piece = frame.slice(frame.position(), Math.min(3_000, frame.remaining()));
            frame.position(frame.position() + piece.remaining());
            decoder.feed(piece, out::add);
            long arrived = frame.position() - 4;
            if (out.isEmpty()) {
                assertTrue(budget.held() <= Math.max(PartialFrame.FIRST_CAPACITY, 2 * arrived),
                        "held " + budget.held() + " after " + arrived + " bytes");
            }
        }
        assertArrayEquals(payload, out.get(0));
        assertEquals(0, budget.held(), "a delivered frame is the caller's: the budget holds nothing for it");
        assertTrue(budget.mostHeld() <= payload.length, "never more than the declared length: " + budget.mostHeld());
    }

    @Test
    void twoDecodersShareOneBudgetAndTheOneThatWouldExceedItIsRefused() throws Exception {
        MemoryBudget budget = new MemoryBudget(20_000);
        Framing framing = new LengthPrefixFraming(LengthPrefixFraming.DEFAULT_MAX);
        FrameDecoder first = framing.newDecoder(budget);
        FrameDecoder second = framing.newDecoder(budget);
        first.feed(ByteBuffer.allocate(4 + 12_000).putInt(0, 50_000), m -> { });
        MemoryBudgetException refused = assertThrows(MemoryBudgetException.class,
                () -> second.feed(ByteBuffer.allocate(4 + 12_000).putInt(0, 50_000), m -> { }));
        assertTrue(refused.getMessage().startsWith("server memory budget spent ("), refused.getMessage());
        assertTrue(budget.held() <= budget.limit());
        second.close();
        first.close();
        assertEquals(0, budget.held());
    }

    @Test
    void anUnfinishedLineIsCountedAndGivenBack() throws Exception {
        MemoryBudget budget = new MemoryBudget(1_000);
        FrameDecoder decoder = new LineFraming(LineFraming.DEFAULT_MAX).newDecoder(budget);
        decoder.feed(bytes("x".repeat(500)), m -> { });
        assertTrue(budget.held() >= 500, budget.toString());
        assertThrows(MemoryBudgetException.class, () -> decoder.feed(bytes("y".repeat(600)), m -> { }));
        decoder.close();
        assertEquals(0, budget.held());
        assertFalse(budget.exhausted());
    }
}
