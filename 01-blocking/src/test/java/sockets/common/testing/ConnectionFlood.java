package sockets.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server in a JVM with a small heap ({@code -Xmx64m}, a small container's), flooded with connections that
 * each hold a little and wait: none, half a header, one byte. Each costs the server heap beyond any budget
 * its frames keep (a thread, its buffers). Afterwards, with the flood gone, a good client must be served and
 * SIGTERM must end the server with 143: no shortage stops it for good. Connections are opened without
 * waiting for each one (non-blocking connects): past the server's limit and its backlog, the kernel
 * holds the rest in SYN_SENT, as a real flood would find it.
 */
public final class ConnectionFlood {
    public static final List<String> SMALL_HEAP = List.of("-Xmx64m");
    /** The most connections one flooding process opens (a process may hold 20,000 descriptors here, in all). */
    static final int HERE = 10_000;
    /** How long a flood-holding process may take to say how many it connected (a bound for a hang). */
    private static final long HOLDER_SECONDS = 120;

    /** What a good client does once the flood is over; it fails (throws) if not served. */
    @FunctionalInterface
    public interface GoodClient {
        void exchange(InetSocketAddress server) throws Exception;
    }

    private ConnectionFlood() {
    }

    /**
     * Starts {@code main args} (port 0) with a small heap, opens {@code connections} connections, sends
     * {@code each} on every one the server took, closes them all, then has {@code good} served, stops the
     * server and checks: exit 143, no stack trace, no {@code OutOfMemoryError}; returns its stderr.
     */
    public static String run(int connections, byte[] each, GoodClient good, Class<?> main, String... args)
            throws Exception {
        try (ChapterProcess server = ChapterProcess.start(List.of(), SMALL_HEAP, main, null, args)) {
            InetSocketAddress address = server.awaitListening();
            List<SocketChannel> flood = new ArrayList<>();
            List<ChapterProcess> holders = new ArrayList<>();
            try {
                // One process may hold only so many descriptors: past HERE, the rest come from processes of their own.
                int here = Math.min(connections, HERE);
                for (int left = connections - here; left > 0; left -= HERE) {
                    holders.add(ChapterProcess.start(FloodHolder.class, address.getHostString(),
                            String.valueOf(address.getPort()), String.valueOf(Math.min(left, HERE)),
                            HexFormat.of().formatHex(each)));
                }
                int took = connectAll(startConnects(address, here, flood), each);
                StringBuilder elsewhere = new StringBuilder();
                for (ChapterProcess holder : holders) {
                    // Its JVM's start, its 10,000 connects and their completion (up to 20 s of its own) come before
                    // its line; beside busy loops that took more than 30 s. The bound is for a hang only.
                    elsewhere.append("; another process ").append(holder.awaitFirstLine(HOLDER_SECONDS));
                }
                // The server fills its limit, and says so; the kernel completes the handshakes its backlog holds.
                String said = server.awaitStderr("at --max-connections");
                System.out.printf("flood: %,d connections opened, %,d connected here%s (the rest wait in SYN_SENT); %s%n",
                        connections, took, elsewhere, said);
            } finally {
                closeAll(flood);
                for (ChapterProcess holder : holders) {
                    holder.terminate(); // its end closes its connections
                }
                for (ChapterProcess holder : holders) {
                    try {
                        holder.awaitExit(30);
                    } finally {
                        holder.close();
                    }
                }
            }
            return servedThenStopped(server, address, good, "the flood");
        }
    }

    /**
     * After an attack: a good client is served again by itself (the server may first have to notice the
     * attackers' connections closing), and SIGTERM gives 143 with no {@code OutOfMemoryError} and no stack
     * trace. Returns the server's stderr.
     */
    private static String servedThenStopped(ChapterProcess server, InetSocketAddress address, GoodClient good,
                                            String after) throws Exception {
        Exception last = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int i = 0; i < 300 && System.nanoTime() < deadline; i++) {
            try {
                good.exchange(address);
                last = null;
                break;
            } catch (Exception e) {
                last = e; // refused or reset while it catches up: try again, bounded
                Thread.onSpinWait();
            }
        }
        if (last != null) {
            throw new AssertionError("a good client was not served after " + after, last);
        }
        server.terminate();
        ChapterProcess.Result result = server.awaitExit(60);
        assertEquals(143, result.exitCode(), "SIGTERM's exit code; stderr: " + result.stderr());
        assertFalse(result.stderr().contains("OutOfMemoryError"), result.stderr());
        result.assertNoStackTrace();
        return result.stderr();
    }

    private static void closeAll(List<? extends Closeable> connections) {
        for (Closeable connection : connections) {
            try {
                connection.close();
            } catch (IOException e) {
                // the attack is over either way
            }
        }
    }

    /**
     * Starts {@code main args} (port 0) with a small heap; {@code clients} clients at once each send
     * {@code header} and then all but the last byte of a {@code frameLength}-byte frame, and hold it unfinished
     * until the server says {@code heldUntil} on stderr (the kernel's buffers take a megabyte without the
     * server reading it, so only its own line tells that it holds the frames); then all close, a good
     * client must be served, and SIGTERM must give 143 with no {@code OutOfMemoryError} and no stack trace.
     * Returns the server's stderr. What the peers declare is far more than the heap: only a budget that fits
     * the heap keeps it.
     */
    public static String runUnfinishedFrames(int clients, byte[] header, int frameLength, String heldUntil,
                                             GoodClient good, Class<?> main, String... args) throws Exception {
        byte[] payload = new byte[frameLength - 1];
        try (ChapterProcess server = ChapterProcess.start(List.of(), SMALL_HEAP, main, null, args)) {
            InetSocketAddress address = server.awaitListening();
            List<Socket> open = Collections.synchronizedList(new ArrayList<>());
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    sent.add(pool.submit(() -> {
                        Socket socket = TestSockets.connect(address);
                        open.add(socket);
                        try {
                            socket.getOutputStream().write(header);
                            socket.getOutputStream().write(payload);
                        } catch (IOException cutOff) {
                            // the server closed this one: its budget was spent
                        }
                        return null;
                    }));
                }
                for (Future<?> each : sent) {
                    try {
                        each.get(60, TimeUnit.SECONDS);
                    } catch (ExecutionException refused) {
                        // a connect refused while the backlog was full: one client fewer
                    } catch (TimeoutException stuck) {
                        break; // a server that stopped reading without closing: the good client below tells
                    }
                }
                server.awaitStderr(heldUntil); // bounded: fails if the server never says it
            } finally {
                synchronized (open) {
                    closeAll(open);
                }
            }
            return servedThenStopped(server, address, good, "the unfinished frames");
        }
    }

    /** Starts {@code count} non-blocking connects to {@code server}, each channel added to {@code into}. */
    static List<SocketChannel> startConnects(InetSocketAddress server, int count, List<SocketChannel> into)
            throws IOException {
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open();
            into.add(channel);
            channel.configureBlocking(false);
            channel.connect(server);
        }
        return into;
    }

    /**
     * Completes the connects the kernel lets complete (the server's accepted ones and its backlog's), sending
     * {@code each} on every one: until a whole second brings no new one, within 20 s. Returns how many.
     */
    static int connectAll(List<SocketChannel> flood, byte[] each) throws IOException {
        int took = 0;
        try (Selector selector = Selector.open()) {
            for (SocketChannel channel : flood) {
                channel.register(selector, SelectionKey.OP_CONNECT);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            long lastNew = System.nanoTime();
            while (System.nanoTime() < deadline && System.nanoTime() - lastNew < TimeUnit.SECONDS.toNanos(1)) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel channel = (SocketChannel) key.channel();
                    key.cancel();
                    try {
                        if (channel.finishConnect()) {
                            channel.write(ByteBuffer.wrap(each));
                            took++;
                            lastNew = System.nanoTime();
                        }
                    } catch (IOException e) {
                        // refused or reset: not one the server took
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        return took;
    }

    /** The number of lines of {@code stderr} that contain {@code text}. */
    public static long count(String stderr, String text) {
        return stderr.lines().filter(l -> l.contains(text)).count();
    }

    /**
     * Asserts the limit was reached and said, once a burst and never a line a connection: "below again"
     * waits until a quarter of the limit has ended, so a flood of thousands makes a handful of bursts. How
     * many depends on how fast this machine drains the backlog as the flood ends (two here when idle, four
     * beside busy loops), and the peer log may drop a line in a burst of peer faults, so their number is
     * bounded, not fixed: at least one, and far fewer than the connections.
     */
    public static void assertLimitSaidOnce(String stderr) {
        long at = count(stderr, "at --max-connections");
        long below = count(stderr, "below --max-connections again");
        assertTrue(at >= 1, "the limit is said:\n" + stderr);
        assertTrue(at + below <= 40, "a line a burst, not a line a connection: " + (at + below) + " lines:\n" + stderr);
    }
}
