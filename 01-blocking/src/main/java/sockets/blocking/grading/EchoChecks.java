package sockets.blocking.grading;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
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
import java.util.zip.CRC32;
import sockets.common.grading.Check;
import sockets.common.grading.CheckFailure;
import sockets.common.grading.Connector;
import sockets.common.grading.Peer;

/**
 * What every echo server (RFC 862) must do, whatever its language or I/O style, as checks over real
 * sockets: chapter 01's {@code EchoServerContract} runs them as JUnit tests, and {@code grade echo-server}
 * runs the same ones against a student's program. Written once.
 */
public final class EchoChecks {
    private static final int CHUNK = 4096;
    /** How many bytes beyond what was sent a check reads (and drops) before it calls the reply a flood. */
    private static final int EXCESS = 1 << 20;

    private EchoChecks() {
    }

    /** Every check, in the order a student should fix them, with its points. */
    public static List<Check> all(int concurrentClients, String reproduceAt) {
        return List.of(
                Check.required("echoes every byte it receives", 2, t -> echoesEveryByte(t, reproduceAt)),
                Check.required("after the client half-closes, echoes the rest, then ends the stream", 2,
                        t -> halfClose(t, reproduceAt)),
                Check.required("a client that sends nothing gets end of stream", 1, t -> nothingSent(t, reproduceAt)),
                Check.required("echoes 8 MiB intact while the client reads at the same time", 2, EchoChecks::largeStream),
                Check.required("serves " + concurrentClients + " clients at once", 3,
                        t -> manyClientsAtOnce(t, concurrentClients, reproduceAt)),
                Check.required("a client vanishing mid-stream disturbs no other", 2, EchoChecks::vanishingClient));
    }

    public static void echoesEveryByte(Connector target, String reproduceAt) throws IOException {
        Random random = new Random(862);
        try (Peer peer = target.connect()) {
            for (int i = 0; i < 50; i++) {
                byte[] message = randomBytes(random.nextLong(), 1 + random.nextInt(CHUNK));
                peer.out().write(message);
                byte[] back = readUpTo(peer.in(), message.length);
                if (!Arrays.equals(message, back)) {
                    throw new CheckFailure("message " + (i + 1) + " of 50, " + message.length + " random bytes",
                            "the same " + message.length + " bytes back", describe(message, back),
                            "printf 'hello' | nc " + reproduceAt + "   (should print hello)");
                }
            }
        }
    }

    public static void halfClose(Connector target, String reproduceAt) throws IOException {
        byte[] message = randomBytes(1, 1000);
        try (Peer peer = target.connect()) {
            peer.out().write(message);
            peer.shutdownOutput();
            byte[] back = readToEnd(peer.in(), "1000 bytes then a half-close (FIN)", message.length);
            if (!Arrays.equals(message, back)) {
                throw new CheckFailure("1000 random bytes, then a half-close", "the 1000 bytes, then end of stream",
                        describe(message, back), "printf 'hello' | nc -N " + reproduceAt + "   (should print hello and end)");
            }
        }
    }

    public static void nothingSent(Connector target, String reproduceAt) throws IOException {
        try (Peer peer = target.connect()) {
            peer.shutdownOutput();
            int first = readOrTimeout(peer.in(), "nothing, then a half-close (FIN)");
            if (first != -1) {
                throw new CheckFailure("nothing, then a half-close", "end of stream", "a byte (" + first + ")",
                        "nc -N " + reproduceAt + " < /dev/null   (should end at once, printing nothing)");
            }
        }
    }

    public static void largeStream(Connector target) throws Exception {
        byte[] data = randomBytes(7, 8 * 1024 * 1024);
        try (Peer peer = target.connect()) {
            byte[] back = streamThrough(peer, data);
            if (crc(back) != crc(data)) {
                throw new CheckFailure("8 MiB of random bytes, read back while sending", "the same 8 MiB",
                        describe(data, back), "");
            }
        }
    }

    /** Writes {@code data} and half-closes on one thread while reading the echo to end of stream on this one. */
    public static byte[] streamThrough(Peer peer, byte[] data) throws Exception {
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
        byte[] back = readToEnd(peer.in(), data.length + " bytes written while reading", data.length);
        sent.get(60, TimeUnit.SECONDS);
        return back;
    }

    /**
     * All clients connect, each sends a first half and waits until every client has its first half
     * back before sending the second. A server that served one client at a time could never get past
     * the first, so this passes only if the server really serves them all at once.
     */
    public static void manyClientsAtOnce(Connector target, int clients, String reproduceAt) throws Exception {
        CountDownLatch connected = new CountDownLatch(clients);
        CountDownLatch firstHalvesBack = new CountDownLatch(clients);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                byte[] data = randomBytes(i, 64 + new Random(i).nextInt(2048));
                int client = i;
                results.add(pool.submit(() -> twoHalves(target, client, clients, data, connected, firstHalvesBack, reproduceAt)));
            }
            for (int i = 0; i < clients; i++) {
                byte[] data = randomBytes(i, 64 + new Random(i).nextInt(2048));
                long crc;
                try {
                    crc = results.get(i).get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof CheckFailure failure) {
                        throw failure;
                    }
                    throw e;
                }
                if (crc != crc(data)) {
                    throw new CheckFailure("client " + i + "'s bytes in two halves", "its own bytes back",
                            "other bytes, or fewer", "");
                }
            }
        }
    }

    private static long twoHalves(Connector target, int client, int clients, byte[] data, CountDownLatch connected,
                                  CountDownLatch firstHalvesBack, String reproduceAt) throws Exception {
        int half = data.length / 2;
        try (Peer peer = target.connect()) {
            connected.countDown();
            await(connected, "every client connected");
            byte[] first;
            try {
                peer.out().write(data, 0, half);
                first = readUpTo(peer.in(), half);
            } finally {
                firstHalvesBack.countDown(); // counted even on failure: the others must not wait for this one
            }
            if (first.length < half) {
                throw new CheckFailure("the first " + half + " bytes of client " + client + ", with " + (clients - 1)
                        + " other clients connected and waiting", "the " + half + " bytes back",
                        first.length + " bytes within the read timeout: is the server serving one client at a time?",
                        "two terminals: nc " + reproduceAt + " in each; the second must echo while the first is open");
            }
            await(firstHalvesBack, "every client's first half echoed (one client at a time cannot do it)");
            peer.out().write(data, half, data.length - half);
            byte[] second = readUpTo(peer.in(), data.length - half);
            byte[] all = Arrays.copyOf(first, data.length);
            System.arraycopy(second, 0, all, half, Math.min(second.length, data.length - half));
            return crc(all);
        }
    }

    public static void vanishingClient(Connector target) throws Exception {
        try (Peer steady = target.connect(); Peer vanishing = target.connect()) {
            byte[] first = randomBytes(1, 500);
            steady.out().write(first);
            expectEcho(steady, first, "a first message");
            vanishing.out().write(randomBytes(2, 3000));
            readUpTo(vanishing.in(), 100); // the server is mid-echo for this client
            vanishing.reset();
            for (int i = 0; i < 20; i++) {
                byte[] message = randomBytes(100 + i, 700);
                steady.out().write(message);
                expectEcho(steady, message, "message " + (i + 1) + " after another client reset its connection");
            }
        }
        try (Peer newcomer = target.connect()) {
            newcomer.out().write(new byte[] {1, 2, 3});
            expectEcho(newcomer, new byte[] {1, 2, 3}, "3 bytes from a new client after the reset");
        }
    }

    private static void expectEcho(Peer peer, byte[] message, String what) throws IOException {
        byte[] back = readUpTo(peer.in(), message.length);
        if (!Arrays.equals(message, back)) {
            throw new CheckFailure(what, "the same " + message.length + " bytes back", describe(message, back), "");
        }
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("timed out waiting for: " + what + " (" + latch.getCount() + " missing)");
        }
    }

    /** Up to {@code n} bytes, fewer if the stream ends or the peer's read timeout runs out first. */
    private static byte[] readUpTo(InputStream in, int n) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream(n);
        byte[] buffer = new byte[Math.min(n, 65536)];
        try {
            while (got.size() < n) {
                int r = in.read(buffer, 0, Math.min(buffer.length, n - got.size()));
                if (r == -1) {
                    break;
                }
                got.write(buffer, 0, r);
            }
        } catch (SocketTimeoutException e) {
            // what came is what we report
        }
        return got.toByteArray();
    }

    /**
     * Everything up to end of stream, keeping at most {@code expected} bytes: what comes beyond is counted and
     * dropped, and past {@value #EXCESS} extra bytes the check fails at once, so a server that keeps sending
     * costs the grader no memory and no time.
     */
    private static byte[] readToEnd(InputStream in, String after, int expected) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream(Math.min(expected, 1 << 20));
        long extra = 0;
        byte[] buffer = new byte[65536];
        try {
            for (int r = in.read(buffer); r != -1; r = in.read(buffer)) {
                int kept = Math.min(r, expected - got.size());
                got.write(buffer, 0, kept);
                extra += r - kept;
                if (extra > EXCESS) {
                    throw new CheckFailure(after, "the " + expected + " bytes back, then end of stream", "more than "
                            + (expected + EXCESS) + " bytes, and still coming: it kept sending bytes nobody sent", "");
                }
            }
        } catch (SocketTimeoutException e) {
            throw new CheckFailure(after, "everything back, then end of stream",
                    got.size() + " bytes, then no end of stream before the timeout (did the server half-close or"
                            + " close when the client's input ended?)", "");
        }
        if (extra > 0) {
            throw new CheckFailure(after, "the " + expected + " bytes back, then end of stream",
                    (expected + extra) + " bytes, " + extra + " more than sent", "");
        }
        return got.toByteArray();
    }

    private static int readOrTimeout(InputStream in, String after) throws IOException {
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw new CheckFailure(after, "end of stream", "no end of stream before the timeout", "");
        }
    }

    private static String describe(byte[] expected, byte[] got) {
        if (got.length < expected.length) {
            for (int i = 0; i < got.length; i++) {
                if (got[i] != expected[i]) {
                    return got.length + " bytes, differing at byte " + i;
                }
            }
            return "only " + got.length + " of " + expected.length + " bytes before end of stream or timeout";
        }
        for (int i = 0; i < expected.length; i++) {
            if (got[i] != expected[i]) {
                return "a difference at byte " + i;
            }
        }
        return got.length + " bytes, " + (got.length - expected.length) + " more than sent";
    }

    static byte[] randomBytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
