package sockets.blocking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sockets.common.testing.Peer;
import sockets.common.testing.TestSockets;

/**
 * What every echo server (RFC 862) in this repository must do, whatever its I/O style: threads
 * (chapter 01), a selector (05), another address family (07), or a student's own. Subclass it,
 * start the server in {@link #startServer()}, and every test here runs against it.
 */
public abstract class EchoServerContract {
    private static final int CHUNK = 4096;

    protected SocketAddress address;

    /** Starts the server under test on a free port and returns where clients connect. */
    protected abstract SocketAddress startServer() throws Exception;

    /** Stops the server started by {@link #startServer()}. */
    protected abstract void stopServer() throws Exception;

    /** How many clients the server must serve at the same time. */
    protected abstract int concurrentClients();

    /** Opens a client connection to the server; TCP unless a subclass says otherwise. */
    protected Peer connect() throws IOException {
        return Peer.tcp((InetSocketAddress) address);
    }

    @BeforeEach
    final void start() throws Exception {
        address = startServer();
    }

    @AfterEach
    final void stop() throws Exception {
        stopServer();
    }

    @Test
    void echoesEveryByteItReceives() throws Exception {
        Random random = new Random(862);
        try (Peer peer = connect()) {
            for (int i = 0; i < 50; i++) {
                byte[] message = TestSockets.randomBytes(random.nextLong(), 1 + random.nextInt(CHUNK));
                peer.out().write(message);
                assertArrayEquals(message, peer.in().readNBytes(message.length), "message " + i);
            }
        }
    }

    @Test
    void afterAHalfCloseEchoesTheRestThenEndsTheStream() throws Exception {
        byte[] message = TestSockets.randomBytes(1, 1000);
        try (Peer peer = connect()) {
            peer.out().write(message);
            peer.shutdownOutput();
            assertArrayEquals(message, peer.in().readAllBytes(), "everything echoed, then end of stream");
        }
    }

    @Test
    void aClientThatSendsNothingGetsEndOfStream() throws Exception {
        try (Peer peer = connect()) {
            peer.shutdownOutput();
            assertEquals(-1, peer.in().read());
        }
    }

    @Test
    void echoesALargeStreamIntactWhileTheClientReadsAtTheSameTime() throws Exception {
        byte[] data = TestSockets.randomBytes(7, 8 * 1024 * 1024);
        try (Peer peer = connect()) {
            assertEquals(TestSockets.crc(data), TestSockets.crc(streamThrough(peer, data)));
        }
    }

    /**
     * All clients connect, each sends a first half and waits until every client has its first half
     * back before sending the second. A server that served one client at a time could never get
     * past the first, so this passes only if the server really serves them all at once.
     */
    @Test
    void servesManyClientsAtOnceEachGettingItsOwnBytes() throws Exception {
        int clients = concurrentClients();
        CountDownLatch connected = new CountDownLatch(clients);
        CountDownLatch firstHalvesBack = new CountDownLatch(clients);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                byte[] data = TestSockets.randomBytes(i, 64 + new Random(i).nextInt(2048));
                results.add(pool.submit(() -> twoHalves(data, connected, firstHalvesBack)));
            }
            for (int i = 0; i < clients; i++) {
                byte[] data = TestSockets.randomBytes(i, 64 + new Random(i).nextInt(2048));
                assertEquals(TestSockets.crc(data), results.get(i).get(60, TimeUnit.SECONDS), "client " + i);
            }
        }
    }

    @Test
    void aClientVanishingMidStreamDisturbsNoOther() throws Exception {
        try (Peer steady = connect(); Peer vanishing = connect()) {
            byte[] first = TestSockets.randomBytes(1, 500);
            steady.out().write(first);
            assertArrayEquals(first, steady.in().readNBytes(first.length));

            byte[] partial = TestSockets.randomBytes(2, 3000);
            vanishing.out().write(partial);
            vanishing.in().readNBytes(100); // the server is mid-echo for this client
            vanishing.reset();

            for (int i = 0; i < 20; i++) {
                byte[] message = TestSockets.randomBytes(100 + i, 700);
                steady.out().write(message);
                assertArrayEquals(message, steady.in().readNBytes(message.length), "steady client, message " + i);
            }
        }
        try (Peer newcomer = connect()) {
            newcomer.out().write(new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, newcomer.in().readNBytes(3), "a new client after the reset");
        }
    }

    private long twoHalves(byte[] data, CountDownLatch connected, CountDownLatch firstHalvesBack) throws Exception {
        int half = data.length / 2;
        try (Peer peer = connect()) {
            connected.countDown();
            await(connected, "every client connected");
            peer.out().write(data, 0, half);
            byte[] first = peer.in().readNBytes(half);
            firstHalvesBack.countDown();
            await(firstHalvesBack, "every client's first half echoed");
            peer.out().write(data, half, data.length - half);
            byte[] second = peer.in().readNBytes(data.length - half);
            byte[] all = Arrays.copyOf(first, data.length);
            System.arraycopy(second, 0, all, half, second.length);
            return TestSockets.crc(all);
        }
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(60, TimeUnit.SECONDS)) {
            throw new AssertionError("timed out waiting for: " + what + " (" + latch.getCount() + " missing)");
        }
    }

    /** Writes {@code data} and half-closes in one thread while reading the echo to end of stream in this one. */
    static byte[] streamThrough(Peer peer, byte[] data) throws Exception {
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = peer.out();
                for (int offset = 0; offset < data.length; offset += CHUNK) {
                    out.write(data, offset, Math.min(CHUNK, data.length - offset));
                }
                peer.shutdownOutput();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
        ByteArrayOutputStream echoed = new ByteArrayOutputStream(data.length);
        InputStream in = peer.in();
        in.transferTo(echoed);
        sent.get(60, TimeUnit.SECONDS);
        return echoed.toByteArray();
    }
}
