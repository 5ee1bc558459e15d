package sockets.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sockets.blocking.EchoHandler;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.common.PeerLog;
import sockets.common.grading.Peer;
import sockets.common.testing.TestSockets;
import sockets.framing.FrameReader;
import sockets.framing.FrameWriter;
import sockets.framing.LengthPrefixFraming;
import sockets.ipc.cli.Main;
import sockets.ipc.grading.UnixPeer;
import sockets.select.Protocol;

/**
 * One seeded sequence of messages, from empty to 1 MiB, framed with chapter 02's length prefix, through
 * each transport on this machine (TCP loopback, a Unix domain socket, an in-process pipe, a pipe between
 * processes, a shared-memory ring); every message arrives intact (CRC-32 per message), in order.
 */
class TransportsIntactTest {
    private static final LengthPrefixFraming FRAMING = new LengthPrefixFraming(2 * 1024 * 1024);
    private static final PeerLog QUIET = PeerLog.discard();

    @TempDir
    Path folder;

    private static List<byte[]> messages() {
        Random random = new Random(7);
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int size = i % 50 == 49 ? 1024 * 1024 : random.nextInt(i % 10 == 0 ? 65_536 : 200);
            messages.add(TestSockets.randomBytes(i, size));
        }
        return messages;
    }

    @Test
    void tcpLoopbackCarriesEveryMessageIntact() throws Exception {
        try (ThreadPerConnectionServer server = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 5,
                Threads.VIRTUAL, new EchoHandler(), QUIET);
             Peer peer = Peer.tcp(server.start(), TestSockets.TIMEOUT_MS)) {
            assertIntact(peer.out(), peer::shutdownOutput, peer.in());
        }
    }

    @Test
    void aUnixDomainSocketCarriesEveryMessageIntact() throws Exception {
        Path path = folder.resolve("t.sock");
        try (UdsServer server = new UdsServer(path, Protocol.ECHO, QUIET)) {
            server.start();
            try (Peer peer = UnixPeer.connect(UnixDomainSocketAddress.of(path), TestSockets.TIMEOUT_MS)) {
                assertIntact(peer.out(), peer::shutdownOutput, peer.in());
            }
        }
    }

    /** java.nio.channels.Pipe: a one-way channel pair inside one process, writer and reader on two threads. */
    @Test
    void anInProcessPipeCarriesEveryMessageIntact() throws Exception {
        Pipe pipe = Pipe.open();
        try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
            assertIntact(Channels.newOutputStream(sink), sink::close, Channels.newInputStream(source));
        }
    }

    /** A pipe between two processes: into a child's standard input, back out of its standard output. */
    @Test
    void aPipeBetweenTwoProcessesCarriesEveryMessageIntact() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "pipe-echo")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            OutputStream toChild = child.getOutputStream();
            assertIntact(toChild, toChild::close, child.getInputStream());
            assertEquals(0, child.waitFor(), "the child saw end of input and exited cleanly");
        } finally {
            child.destroyForcibly();
        }
    }

    /** The shared-memory ring, here between two threads: 4 KiB of ring for messages of up to 1 MiB. */
    @Test
    void aSharedMemoryRingCarriesEveryMessageIntactIncludingMessagesLargerThanTheRing() throws Exception {
        try (SharedRing ring = SharedRing.map(folder.resolve("ring"), 4096)) {
            OutputStream producer = ring.producer();
            assertIntact(producer, producer::close, ring.consumer());
        }
    }

    @FunctionalInterface
    interface Ender {
        void end() throws IOException;
    }

    /** Writes every message (then ends the stream) on one thread while reading them back on this one. */
    private static void assertIntact(OutputStream out, Ender end, InputStream in) throws Exception {
        List<byte[]> sent = messages();
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                FrameWriter writer = new FrameWriter(out, FRAMING);
                for (byte[] message : sent) {
                    writer.write(message);
                }
                end.end();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
        FrameReader reader = new FrameReader(in, FRAMING.newDecoder());
        List<Long> received = new ArrayList<>();
        for (byte[] message = reader.read(); message != null; message = reader.read()) {
            received.add(crc(message));
        }
        writing.get(60, TimeUnit.SECONDS);
        assertEquals(sent.stream().map(TransportsIntactTest::crc).toList(), received);
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(ByteBuffer.wrap(bytes));
        return crc.getValue();
    }
}
