package sockets.framing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.junit.jupiter.api.Test;
import sockets.blocking.Relay;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.common.HostPort;
import sockets.common.PeerLog;
import sockets.common.testing.TestSockets;

/** "There is no EOT on a socket", "send does not always get rid of everything", and the HOWTO's MySocket. */
class StreamTruthsTest {
    private static final int SILENCE_MS = 300;

    @Test
    void aReadOnASilentOpenConnectionBlocksUntilTheTimeout() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 5, TestSockets.loopback());
             Socket client = TestSockets.connect((InetSocketAddress) listener.getLocalSocketAddress());
             Socket served = listener.accept()) {
            client.setSoTimeout(SILENCE_MS);
            long start = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read());
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= SILENCE_MS - 10 && ms < SILENCE_MS + 20_000, "blocked " + ms + " ms");
            assertTrue(served.isConnected(), "the connection was open and silent all along");
        }
    }

    @Test
    void aReadOnAClosedConnectionReturnsMinusOneAtOnce() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 5, TestSockets.loopback());
             Socket client = TestSockets.connect((InetSocketAddress) listener.getLocalSocketAddress())) {
            listener.accept().close();
            client.setSoTimeout(10_000);
            long start = System.nanoTime();
            assertEquals(-1, client.getInputStream().read());
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 5_000, "returned after " + ms + " ms, long before the 10 s timeout");
        }
    }

    /**
     * A peer that reads nothing: the kernel's buffers (ours to send, theirs to receive) fill, and then a
     * non-blocking write takes fewer bytes than asked, and at last none at all.
     */
    @Test
    void aNonBlockingWriteToAPeerThatIsNotReadingTakesLessThanAskedThenNothing() throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(TestSockets.anyLoopbackPort());
             SocketChannel writer = SocketChannel.open(listener.getLocalAddress());
             SocketChannel idle = listener.accept()) {
            writer.configureBlocking(false);
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            boolean shortWrite = false;
            boolean zeroWrite = false;
            long total = 0;
            for (int i = 0; i < 10_000 && !zeroWrite; i++) {
                chunk.clear();
                int n = writer.write(chunk);
                total += n;
                shortWrite |= n > 0 && n < chunk.capacity();
                zeroWrite = n == 0;
            }
            assertTrue(shortWrite, "some write took only part of the buffer");
            assertTrue(zeroWrite, "a write took nothing, after " + total + " bytes had gone into the buffers");
            assertTrue(idle.isOpen());
        }
    }

    @Test
    void mySocketSendsAndReceivesFixedLengthMessages() throws IOException {
        // Through chapter 01's relay forwarding one byte per write, 5 ms apart: the message arrives in 16
        // pieces, so myreceive's loop must go round until it has all of them (one read would get 1 byte).
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(TestSockets.anyLoopbackPort());
             ThreadPerConnectionServer relay = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 5,
                     Threads.VIRTUAL, new Relay(new HostPort("127.0.0.1",
                     ((InetSocketAddress) listener.getLocalAddress()).getPort()), new Relay.Faults(1, 5),
                     TestSockets.TIMEOUT_MS, Threads.VIRTUAL), PeerLog.discard());
             MySocket client = MySocket.connect(relay.start());
             MySocket served = new MySocket(listener.accept())) {
            for (int i = 0; i < 3; i++) {
                byte[] message = TestSockets.randomBytes(16 + i, MySocket.MSGLEN);
                client.mysend(message); // 16 bytes always fit the buffers: here mysend's loop runs once
                assertArrayEquals(message, served.myreceive());
            }
        }
    }

    /** Bigger than loopback's send and receive buffers together, however far Linux grows them. */
    private static final int BIG = 32 * 1024 * 1024;

    /**
     * On a virtual thread the JDK puts the socket in non-blocking mode underneath and parks the thread until
     * it can write; it then returns as soon as some bytes have gone. So a blocking channel's {@code write}
     * to a peer that is not reading comes back short on a virtual thread, where on a platform thread the same
     * call takes all 32 MiB (once the peer reads them): the HOWTO's "send may not send everything" holds in
     * Java too, for a {@code SocketChannel} on a virtual thread. A stream ({@code Socket.getOutputStream()},
     * {@code Channels.newOutputStream}) loops for you in both.
     */
    @Test
    void aBlockingChannelWriteOnAVirtualThreadReturnsShortAndOnAPlatformThreadWhole() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(TestSockets.anyLoopbackPort());
             SocketChannel writer = SocketChannel.open(listener.getLocalAddress());
             SocketChannel notReading = listener.accept()) {
            assertTrue(writer.isBlocking());
            java.util.concurrent.CompletableFuture<Integer> wrote = new java.util.concurrent.CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    wrote.complete(writer.write(ByteBuffer.allocate(BIG)));
                } catch (Throwable e) {
                    wrote.completeExceptionally(e);
                }
            });
            int n;
            try {
                n = wrote.get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException stillBlocked) {
                writer.close(); // releases the write
                throw new AssertionError("the write on a virtual thread waited to take all " + BIG + " bytes");
            }
            System.out.printf("one blocking write of %,d bytes on a virtual thread, peer not reading: %,d taken%n",
                    BIG, n);
            assertTrue(n > 0 && n < BIG, "taken " + n + " of " + BIG);
        }
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(TestSockets.anyLoopbackPort());
             SocketChannel writer = SocketChannel.open(listener.getLocalAddress());
             SocketChannel reader = listener.accept()) {
            java.util.concurrent.CompletableFuture<Long> read = drain(reader);
            assertEquals(BIG, writer.write(ByteBuffer.allocate(BIG)), "on a platform thread: all in one call");
            writer.shutdownOutput();
            assertEquals(BIG, read.get(20, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    /**
     * And so the HOWTO's send loop is needed in Java: {@code mysend} of a 32 MiB message on a virtual thread
     * goes round until every byte has gone (a single write would leave most of it unsent).
     */
    @Test
    void mysendOnAVirtualThreadLoopsUntilTheWholeMessageHasGone() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(TestSockets.anyLoopbackPort());
             SocketChannel writer = SocketChannel.open(listener.getLocalAddress());
             SocketChannel reader = listener.accept()) {
            java.util.concurrent.CompletableFuture<Long> read = drain(reader);
            byte[] message = TestSockets.randomBytes(7, BIG);
            java.util.concurrent.CompletableFuture<Void> sent = new java.util.concurrent.CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    new MySocket(writer, BIG).mysend(message);
                    writer.shutdownOutput();
                    sent.complete(null);
                } catch (Throwable e) {
                    sent.completeExceptionally(e);
                }
            });
            sent.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(BIG, read.get(20, java.util.concurrent.TimeUnit.SECONDS), "bytes that arrived before the end");
        }
    }

    /** Reads {@code channel} to its end on a platform thread; the bytes read. */
    private static java.util.concurrent.CompletableFuture<Long> drain(SocketChannel channel) {
        java.util.concurrent.CompletableFuture<Long> done = new java.util.concurrent.CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
            long total = 0;
            try {
                for (int n = channel.read(buffer); n != -1; n = channel.read(buffer.clear())) {
                    total += n;
                }
                done.complete(total);
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** The flaw the chapter fixes: a clean close between messages and a message cut short look the same. */
    @Test
    void mySocketCannotTellACleanCloseFromABrokenMessage() throws IOException {
        assertEquals(brokenMessageAfter(MySocket.MSGLEN), brokenMessageAfter(MySocket.MSGLEN + 5));
    }

    @Test
    void aFrameReaderTellsACleanCloseFromABrokenMessage() throws IOException {
        FrameReader clean = new FrameReader(new ByteArrayInputStream(new byte[MySocket.MSGLEN]),
                new FixedLengthFraming(MySocket.MSGLEN).newDecoder());
        clean.read();
        assertNull(clean.read(), "a clean end of stream between messages");

        FrameReader broken = new FrameReader(new ByteArrayInputStream(new byte[MySocket.MSGLEN + 5]),
                new FixedLengthFraming(MySocket.MSGLEN).newDecoder());
        broken.read();
        TruncatedFrameException fault = assertThrows(TruncatedFrameException.class, broken::read);
        assertEquals("connection closed after 5 of 16 payload bytes", fault.getMessage());
    }

    /** What MySocket says when its peer sends {@code sent} bytes and closes, after one whole message. */
    private static String brokenMessageAfter(int sent) throws IOException {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(TestSockets.anyLoopbackPort());
             SocketChannel client = SocketChannel.open(listener.getLocalAddress());
             MySocket served = new MySocket(listener.accept())) {
            client.write(ByteBuffer.wrap(new byte[sent]));
            client.close();
            served.myreceive();
            return assertThrows(IOException.class, served::myreceive).getMessage();
        }
    }
}
