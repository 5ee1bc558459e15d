package sockets.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sockets.blocking.Relay;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.common.HostPort;
import sockets.common.PeerLog;
import sockets.common.testing.TestSockets;
import sockets.framing.grading.FrameChecks;

/**
 * What every framing must do, whatever its rules: give back exactly the messages that were sent, in
 * order, however the stream was cut. Reusable for any {@link Framing}: a student's own decoder passes
 * if a subclass that returns it passes.
 */
@Timeout(value = 15, unit = TimeUnit.SECONDS) // a server or decoder of yours that hangs fails in seconds, not the default 60
public abstract class FramingContract {
    /** Seeded cases per chunking; each case is a list of messages. */
    protected static final int CASES = 1_000;

    /** The framing under test. */
    public abstract Framing framing();

    /**
     * For a framing whose header can announce more than its limit (length, line, netstring; ascii below
     * 99,999): implement this too, and the frame is refused as its header arrives. Give your own framing's
     * opening if chapter 02's {@link FrameChecks#overLimitOpening} does not know it by name.
     */
    public interface Limited {
        Framing framing();

        /** The first bytes of a frame one byte over the limit: its header, or (line) the line so far. */
        default byte[] overLimitOpening() {
            return FrameChecks.overLimitOpening(framing());
        }

        @Test
        default void aFrameOverTheLimitIsRefusedAsSoonAsItsHeaderSaysSo() {
            assertRefusedAsItArrives(framing(), overLimitOpening());
        }
    }

    /**
     * For a framing with bytes that are no frame of it (netstring, ascii, typed; not length, line or fixed,
     * where any bytes start a frame): implement this too, giving such bytes, and they are refused.
     */
    public interface Corruptible {
        Framing framing();

        /** Bytes that are no frame of this framing. */
        byte[] garbage();

        @Test
        default void bytesThatAreNoFrameAreRefused() {
            assertThrows(CorruptFrameException.class, () -> framing().newDecoder().feed(ByteBuffer.wrap(garbage()), m -> { }),
                    "bytes that are no frame: a typed error, not a guess");
        }
    }

    /** A message this framing can carry, drawn from {@code random}. */
    protected abstract byte[] randomMessage(Random random);

    @Test
    void roundTripsMessagesFedOneByteAtATime() throws Exception {
        for (int seed = 0; seed < CASES; seed++) {
            List<byte[]> messages = randomMessages(new Random(seed));
            assertMessages(messages, decode(encode(messages), new int[] {1}, seed), seed);
        }
    }

    @Test
    void roundTripsMessagesFedAllInOneChunk() throws Exception {
        for (int seed = 0; seed < CASES; seed++) {
            List<byte[]> messages = randomMessages(new Random(seed));
            byte[] stream = encode(messages);
            assertMessages(messages, decode(stream, new int[] {Math.max(1, stream.length)}, seed), seed);
        }
    }

    /** Cut at seeded random places, some chunks heap buffers and some direct, as a selector loop would use. */
    @Test
    void roundTripsMessagesFedInSeededRandomCuts() throws Exception {
        for (int seed = 0; seed < CASES; seed++) {
            Random random = new Random(seed);
            List<byte[]> messages = randomMessages(random);
            int[] cuts = new int[1 + random.nextInt(8)];
            for (int i = 0; i < cuts.length; i++) {
                cuts[i] = 1 + random.nextInt(random.nextBoolean() ? 7 : 600);
            }
            assertMessages(messages, decode(encode(messages), cuts, seed), seed);
        }
    }

    @Test
    void twoMessagesArrivingInOneReadAreBothDeliveredInOrder() throws Exception {
        Random random = new Random(2);
        byte[] first = randomMessage(random);
        byte[] second = randomMessage(random);
        List<byte[]> got = new ArrayList<>();
        framing().newDecoder().feed(ByteBuffer.wrap(encode(List.of(first, second))), got::add);
        assertMessages(List.of(first, second), got, 2);
    }

    @Test
    void aStreamEndingBetweenMessagesEndsCleanly() throws Exception {
        FrameDecoder decoder = framing().newDecoder();
        decoder.feed(ByteBuffer.wrap(encode(List.of(randomMessage(new Random(3))))), m -> { });
        decoder.finish();
        assertEquals(0, decoder.buffered());
    }

    @Test
    void aStreamEndingInsideAMessageIsTruncated() throws Exception {
        Random random = new Random(4);
        byte[] frame;
        do {
            frame = framing().encode(randomMessage(random));
        } while (frame.length < 2);
        FrameDecoder decoder = framing().newDecoder();
        List<byte[]> got = new ArrayList<>();
        decoder.feed(ByteBuffer.wrap(frame, 0, frame.length - 1), got::add);
        assertEquals(List.of(), got, "no message from an incomplete frame");
        assertThrows(TruncatedFrameException.class, decoder::finish);
    }

    /**
     * Fed the opening of a frame over the limit, the decoder throws {@link FrameTooLongException} then and
     * there: not after waiting for (or allocating) the frame its header declares.
     */
    public static void assertRefusedAsItArrives(Framing framing, byte[] opening) {
        FrameDecoder decoder = framing.newDecoder(new MemoryBudget(64 * 1024));
        assertThrows(FrameTooLongException.class, () -> decoder.feed(ByteBuffer.wrap(opening), m -> { }),
                "the opening of a frame of more than " + framing.maxFrame() + " bytes must be refused on arrival");
    }

    @Test
    void survivesARealSocketThroughARelayForwardingOneByteAtATime() throws Exception {
        overRealSockets(1);
    }

    @Test
    void survivesARealSocketThroughARelayForwardingThreeBytesAtATime() throws Exception {
        overRealSockets(3);
    }

    /** Messages sent back to back through the frame echo server, behind a relay that cuts the stream. */
    private void overRealSockets(int chunk) throws Exception {
        List<byte[]> messages = randomMessages(new Random(100 + chunk), 60);
        PeerLog log = PeerLog.discard();
        try (ThreadPerConnectionServer server = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 5,
                Threads.VIRTUAL, new FrameEchoHandler(framing()), log);
             ThreadPerConnectionServer relay = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 5,
                     Threads.VIRTUAL, new Relay(new HostPort("127.0.0.1", server.start().getPort()),
                     new Relay.Faults(chunk, 0), TestSockets.TIMEOUT_MS, Threads.VIRTUAL), log);
             Socket socket = TestSockets.connect(relay.start())) {
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    FrameWriter writer = new FrameWriter(socket.getOutputStream(), framing());
                    for (byte[] message : messages) {
                        writer.write(message);
                    }
                    socket.shutdownOutput();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, Thread::startVirtualThread);
            FrameReader reader = new FrameReader(socket.getInputStream(), framing().newDecoder());
            List<byte[]> got = new ArrayList<>();
            for (byte[] m = reader.read(); m != null; m = reader.read()) {
                got.add(m);
            }
            sent.get(30, TimeUnit.SECONDS);
            assertMessages(messages, got, chunk);
        }
    }

    protected List<byte[]> randomMessages(Random random) {
        return randomMessages(random, random.nextInt(20));
    }

    private List<byte[]> randomMessages(Random random, int count) {
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(randomMessage(random));
        }
        return messages;
    }

    protected byte[] encode(List<byte[]> messages) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            stream.writeBytes(framing().encode(message));
        }
        return stream.toByteArray();
    }

    /** Feeds {@code stream} in chunks of the sizes in {@code cuts}, round and round, then finishes. */
    protected List<byte[]> decode(byte[] stream, int[] cuts, int seed) throws FrameException {
        FrameDecoder decoder = framing().newDecoder();
        List<byte[]> got = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < stream.length; i++) {
            int n = Math.min(cuts[i % cuts.length], stream.length - at);
            ByteBuffer chunk = (seed + i) % 3 == 0 ? ByteBuffer.allocateDirect(n) : ByteBuffer.allocate(n + 2).position(1);
            chunk.put(stream, at, n).flip();
            if (!chunk.isDirect()) {
                chunk.position(1); // a chunk that does not start at its array's first byte
            }
            decoder.feed(chunk, got::add);
            assertEquals(0, chunk.remaining(), "the decoder consumes every byte it is fed");
            assertTrue(decoder.buffered() <= framing().maxFrame() + 16, "held " + decoder.buffered());
            at += n;
        }
        decoder.finish();
        return got;
    }

    protected static void assertMessages(List<byte[]> expected, List<byte[]> actual, int seed) {
        assertEquals(expected.size(), actual.size(), "message count, seed " + seed);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "message " + i + ", seed " + seed);
        }
    }

    /** Random bytes of a random length from 0 to {@code max}, mostly short. */
    protected static byte[] randomBytes(Random random, int max) {
        int length = random.nextInt(8) == 0 ? random.nextInt(max + 1) : random.nextInt(Math.min(max, 64) + 1);
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
