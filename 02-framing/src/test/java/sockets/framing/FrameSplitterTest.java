package sockets.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sockets.framing.cli.Framings;
import sockets.framing.grading.FrameChecks;

/** The splitter hands back each frame as the bytes that carried it, however the stream is cut. */
class FrameSplitterTest {

    static Stream<String> framings() {
        return Stream.of("fixed:8", "line", "length", "ascii", "netstring", "typed");
    }

    /** Three frames of {@code framing}: messages it can carry, as the grader's checks draw them. */
    private static List<byte[]> frames(Framing framing) {
        Random random = new Random(3);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            frames.add(framing.encode(FrameChecks.message(framing, random)));
        }
        return frames;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framings")
    void everyFrameComesBackAsItsOwnBytesWhereverTheStreamIsCut(String name) throws Exception {
        Framing framing = Framings.parse(name, null);
        List<byte[]> frames = frames(framing);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        frames.forEach(stream::writeBytes);
        byte[] all = stream.toByteArray();
        for (int cut = 1; cut <= all.length; cut++) { // every chunk size, down to one byte at a time
            MemoryBudget budget = MemoryBudget.unlimited();
            FrameSplitter splitter = new FrameSplitter(framing, budget);
            List<byte[]> out = new ArrayList<>();
            for (int at = 0; at < all.length; at += cut) {
                ByteBuffer chunk = ByteBuffer.wrap(all, at, Math.min(cut, all.length - at));
                splitter.feed(chunk, frame -> {
                    byte[] copy = new byte[frame.remaining()];
                    frame.get(copy);
                    out.add(copy);
                });
                assertEquals(0, chunk.remaining(), "every byte consumed");
            }
            splitter.finish();
            assertEquals(frames.size(), out.size(), "frames found with chunks of " + cut);
            for (int i = 0; i < frames.size(); i++) {
                assertArrayEquals(frames.get(i), out.get(i), "frame " + i + " with chunks of " + cut);
            }
            splitter.close();
            assertEquals(0, budget.held(), "nothing held once closed");
        }
    }

    @Test
    void aFrameWithinOneChunkIsAViewOfItNotACopy() throws Exception {
        byte[] wire = new LengthPrefixFraming(100).encode("hello".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer chunk = ByteBuffer.wrap(wire);
        MemoryBudget budget = MemoryBudget.unlimited();
        List<ByteBuffer> seen = new ArrayList<>();
        new FrameSplitter(new LengthPrefixFraming(100), budget).feed(chunk, seen::add);
        assertSame(wire, seen.get(0).array(), "the frame is the chunk's own bytes");
        assertEquals(0, budget.mostHeld(), "nothing kept, nothing allocated for it");
    }

    @Test
    void onlyTheStartOfAFrameThatTheNextChunkFinishesIsKept() throws Exception {
        byte[] wire = new LengthPrefixFraming(100_000).encode(new byte[50_000]);
        MemoryBudget budget = MemoryBudget.unlimited();
        FrameSplitter splitter = new FrameSplitter(new LengthPrefixFraming(100_000), budget);
        List<Integer> sizes = new ArrayList<>();
        splitter.feed(ByteBuffer.wrap(wire, 0, 30_000), f -> sizes.add(f.remaining()));
        assertTrue(budget.held() >= 30_000 && budget.held() <= 60_000, "kept the start: " + budget);
        splitter.feed(ByteBuffer.wrap(wire, 30_000, wire.length - 30_000), f -> sizes.add(f.remaining()));
        assertEquals(List.of(wire.length), sizes);
    }

    @Test
    void theFramingsLimitsStillHold() {
        FrameSplitter splitter = new FrameSplitter(new LengthPrefixFraming(100), MemoryBudget.unlimited());
        assertThrows(FrameTooLongException.class,
                () -> splitter.feed(ByteBuffer.wrap(new byte[] {0, 0, 1, 0}), f -> { }));
    }
}
