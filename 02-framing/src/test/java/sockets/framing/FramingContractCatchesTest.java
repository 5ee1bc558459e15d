package sockets.framing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import sockets.framing.grading.FrameChecks;

/**
 * Proof that {@link FramingContract}'s limit check can fail: a decoder that says its limit is 1,000 bytes
 * but never checks it (it takes up to a mebibyte) is caught, as exercise 1 promises; the honest one is not.
 */
class FramingContractCatchesTest {
    private static final Framing HONEST = new LengthPrefixFraming(1_000);

    /** Length-prefix framing that claims a 1,000-byte limit and decodes with a mebibyte's. */
    private static final Framing NO_LIMIT_CHECK = new Framing() {
        @Override
        public String name() {
            return "length";
        }

        @Override
        public int maxFrame() {
            return 1_000;
        }

        @Override
        public FrameDecoder newDecoder(MemoryBudget budget) {
            return new LengthPrefixFraming(LengthPrefixFraming.DEFAULT_MAX).newDecoder(budget);
        }

        @Override
        public void encode(byte[] message, OutputStream out) throws IOException {
            HONEST.encode(message, out);
        }
    };

    @Test
    void aDecoderThatNeverChecksItsLimitFailsTheContract() {
        assertThrows(AssertionFailedError.class,
                () -> FramingContract.assertRefusedAsItArrives(NO_LIMIT_CHECK, FrameChecks.overLimitOpening(NO_LIMIT_CHECK)));
    }

    @Test
    void theHonestDecoderPassesIt() {
        FramingContract.assertRefusedAsItArrives(HONEST, FrameChecks.overLimitOpening(HONEST));
    }
}
