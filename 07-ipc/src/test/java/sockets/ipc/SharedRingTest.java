package sockets.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sockets.common.testing.ChapterProcess;
import sockets.framing.FrameReader;
import sockets.ipc.cli.Main;

/** The shared-memory ring between two processes: the producer is {@code shm-produce}, a JVM of its own. */
class SharedRingTest {
    @TempDir
    Path folder;

    /**
     * A million messages through a 64 KiB ring from another process: every one arrives, in order, and its
     * CRC-32 matches its payload. A byte read before it was published would be stale (zero, or an older
     * message's) and break the check; one in every thousand messages is 100,000 bytes, larger than the ring.
     */
    @Test
    @Timeout(120)
    void aMillionMessagesFromAnotherProcessArriveInOrderAndIntact() throws Exception {
        Path file = folder.resolve("ring");
        int messages = 1_000_000;
        try (SharedRing ring = SharedRing.map(file, 65_536);
             ChapterProcess producer = ChapterProcess.start(Main.class, "shm-produce", "--file", file.toString(),
                     "--capacity", "65536", "--messages", String.valueOf(messages))) {
            FrameReader reader = new FrameReader(ring.consumer(), SharedRing.FRAMING.newDecoder());
            long expected = 0;
            long larger = 0;
            for (byte[] message = reader.read(); message != null; message = reader.read()) {
                ByteBuffer in = ByteBuffer.wrap(message);
                assertEquals(expected, in.getLong(), "message order");
                int crc = in.getInt();
                CRC32 check = new CRC32();
                check.update(in);
                assertEquals(crc, (int) check.getValue(), "message " + expected + " intact");
                larger += message.length > ring.capacity() ? 1 : 0;
                expected++;
            }
            assertEquals(messages, expected, "every message, then a clean end");
            assertTrue(larger >= 1_000, "messages larger than the ring went through: " + larger);
            assertEquals(0, producer.awaitExit().exitCode());
        }
    }

    /** The two commands a reader runs, each a process of its own: shm-consume checks what shm-produce wrote. */
    @Test
    @Timeout(60)
    void shmConsumeReadsWhatShmProduceWroteInAnotherProcess() throws Exception {
        Path file = folder.resolve("ring-of-two-processes");
        try (ChapterProcess consumer = ChapterProcess.start(Main.class, "shm-consume", "--file", file.toString());
             ChapterProcess producer = ChapterProcess.start(Main.class, "shm-produce", "--file", file.toString(),
                     "--messages", "10000")) {
            ChapterProcess.Result read = consumer.awaitExit();
            assertEquals(0, read.exitCode(), read.stderr());
            assertEquals("received 10,000 messages, in order and intact (10 of them larger than the 65,536-byte ring)",
                    read.stdout().strip());
            ChapterProcess.Result wrote = producer.awaitExit();
            assertEquals(0, wrote.exitCode());
            assertTrue(wrote.stderr().contains("waits for a reader: shm-consume --file " + file), wrote.stderr());
        }
    }
}
