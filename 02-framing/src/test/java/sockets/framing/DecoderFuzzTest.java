package sockets.framing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every decoder against any bytes in any chunking: it yields messages or a {@link FrameException},
 * never another exception or a hang, and never holds more than its limit. And what it accepts is exactly
 * what was sent: re-encoding the messages of a stream that decoded cleanly gives back the same bytes.
 *
 * <p>In a plain test run (and CI) Jazzer replays the inputs in {@code DecoderFuzzTestInputs/}; to fuzz for
 * real, see the chapter README ({@code JAZZER_FUZZ=1}).
 */
class DecoderFuzzTest {
    private static final int MAX = 1024;

    @FuzzTest(maxDuration = "2m")
    void lengthDecoder(FuzzedDataProvider data) {
        check(new LengthPrefixFraming(MAX), data);
    }

    @FuzzTest(maxDuration = "2m")
    void lineDecoder(FuzzedDataProvider data) {
        check(new LineFraming(MAX), data);
    }

    @FuzzTest(maxDuration = "2m")
    void asciiDecoder(FuzzedDataProvider data) {
        check(new AsciiLengthFraming(MAX), data);
    }

    @FuzzTest(maxDuration = "2m")
    void netstringDecoder(FuzzedDataProvider data) {
        check(new NetstringFraming(MAX), data);
    }

    @FuzzTest(maxDuration = "2m")
    void typedDecoder(FuzzedDataProvider data) {
        check(new TypedFraming(TypedFraming.DEFAULT_TYPES), data);
    }

    @FuzzTest(maxDuration = "2m")
    void fixedDecoder(FuzzedDataProvider data) {
        check(new FixedLengthFraming(7), data);
    }

    private static void check(Framing framing, FuzzedDataProvider data) {
        FrameDecoder decoder = framing.newDecoder();
        List<byte[]> messages = new ArrayList<>();
        ByteArrayOutputStream fed = new ByteArrayOutputStream();
        try {
            while (data.remainingBytes() > 0) {
                byte[] chunk = data.consumeBytes(data.consumeInt(1, 64));
                fed.writeBytes(chunk);
                decoder.feed(ByteBuffer.wrap(chunk), messages::add);
                if (decoder.buffered() > framing.maxFrame() + 16) {
                    throw new AssertionError("holds " + decoder.buffered() + " bytes, limit " + framing.maxFrame());
                }
            }
            decoder.finish();
        } catch (FrameException fault) {
            return; // a typed fault is a correct answer to bad input
        }
        for (byte[] message : messages) {
            if (message.length > framing.maxFrame()) {
                throw new AssertionError("a message of " + message.length + " bytes, limit " + framing.maxFrame());
            }
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        messages.forEach(m -> again.writeBytes(framing.encode(m)));
        if (!Arrays.equals(fed.toByteArray(), again.toByteArray())) {
            throw new AssertionError("re-encoding " + messages.size() + " messages did not give back the input");
        }
    }
}
