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
    /**
     * The ring's commands' message checks itself: the right one passes, one out of order or with a byte
     * changed is named, in words, for what is wrong with it.
     */
    @Test
    void aCheckedMessageTellsOrderAndDamageApart() {
        byte[] fifth = CheckedMessage.make(5);
        assertEquals(java.util.Optional.empty(), CheckedMessage.fault(fifth, 5));
        assertEquals(java.util.Optional.of("message 4 expected, message 5 arrived"), CheckedMessage.fault(fifth, 4));
        fifth[CheckedMessage.HEADER] ^= 1;
        assertEquals(java.util.Optional.of("message 5 arrived damaged (its CRC-32 differs)"), CheckedMessage.fault(fifth, 5));
        assertEquals(100_000 + CheckedMessage.HEADER, CheckedMessage.make(999).length, "every thousandth is large");
    }

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

    /** A file's bytes, hashed: "unchanged" means the same SHA-256 and the same size before and after. */
    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(java.nio.file.Files.readAllBytes(file)));
    }

    private static Path foreign(Path folder, String kind) throws Exception {
        Path file = folder.resolve(kind);
        byte[] bytes = switch (kind) {
            case "empty" -> new byte[0];
            case "1080-bytes" -> new byte[1080];
            default -> new byte[192 + 65_536]; // a ring's size, but no ring's header
        };
        new java.util.Random(kind.hashCode()).nextBytes(bytes);
        return java.nio.file.Files.write(file, bytes);
    }

    /** A file that is not a ring of this size is refused in one line, and neither grown nor changed. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"empty", "1080-bytes", "ring-sized-without-header"})
    @Timeout(30)
    void aFileThatIsNotARingIsRefusedUnchanged(String kind) throws Exception {
        Path file = foreign(folder, kind);
        String before = sha256(file);
        long size = java.nio.file.Files.size(file);
        java.io.IOException refused = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> SharedRing.map(file, 65_536).close());
        assertTrue(refused.getMessage().contains("not touching it"), refused.getMessage());
        assertEquals(before, sha256(file), "the file is unchanged");
        assertEquals(size, java.nio.file.Files.size(file), "the file is not grown");
    }

    /** The same as processes: each command says it in one line, exit 1, no stack trace; the file is unchanged. */
    @Test
    @Timeout(60)
    void theCommandsRefuseAForeignFileInOneLine() throws Exception {
        Path small = foreign(folder, "1080-bytes");
        Path sized = foreign(folder, "ring-sized-without-header");
        String smallBefore = sha256(small);
        String sizedBefore = sha256(sized);
        ChapterProcess.run(Main.class, "shm-consume", "--file", small.toString())
                .assertOneLineFailure(1, "is 1080 bytes, not a ring of 65536 bytes");
        ChapterProcess.run(Main.class, "shm-produce", "--file", sized.toString())
                .assertOneLineFailure(1, "is not a ring (no ring header)");
        assertEquals(smallBefore, sha256(small));
        assertEquals(sizedBefore, sha256(sized));
    }

    /** A new ring file is its owner's only; another capacity is named; a finished ring is not reused. */
    @Test
    @Timeout(30)
    void aNewRingIsOwnerOnlyAndAnExistingOneMustMatch() throws Exception {
        Path file = folder.resolve("ring");
        try (SharedRing ring = SharedRing.map(file, 4096)) {
            if (SocketFile.posix()) {
                assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                        java.nio.file.Files.getPosixFilePermissions(file)));
            }
            java.io.IOException other = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> SharedRing.map(file, 8192).close());
            assertTrue(other.getMessage().contains("is " + (192 + 4096) + " bytes, not a ring of 8192 bytes"),
                    other.getMessage());
            var out = ring.producer();
            out.write(new byte[] {1, 2, 3});
            out.close();
            try (SharedRing reader = SharedRing.map(file, 4096)) {
                assertEquals(3, reader.consumer().readNBytes(10).length, "a closed ring's last bytes are still read");
            }
        }
        java.io.IOException finished = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> SharedRing.map(file, 4096).close());
        assertTrue(finished.getMessage().contains("is a finished ring"), finished.getMessage());
    }

    /** Counters no ring can have (more unread bytes than it holds) are one line, not a stack trace. */
    @Test
    @Timeout(60)
    void corruptCountersAreOneLine() throws Exception {
        Path file = folder.resolve("ring");
        SharedRing.map(file, 65_536).close();
        try (java.nio.channels.FileChannel raw = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            raw.write(ByteBuffer.allocate(8).order(java.nio.ByteOrder.nativeOrder()).putLong(0, 1_000_000L), 0);
        }
        ChapterProcess.run(Main.class, "shm-consume", "--file", file.toString())
                .assertOneLineFailure(1, "corrupt ring");
    }
}
