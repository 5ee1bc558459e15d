package sockets.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sockets.common.Endpoints;
import sockets.common.PeerLog;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.FdExhaustion;
import sockets.common.testing.LogCapture;
import sockets.common.testing.TestSockets;
import sockets.framing.DeclaredLengthAttack;
import sockets.framing.LineFraming;
import sockets.framing.MemoryBudget;
import sockets.select.cli.Main;

/** No peer and no shortage stops a selector server for good, and none makes its memory grow past its limits. */
class SelectorSurvivalTest {
    private static final byte[] LINE = "still here?\n".getBytes(StandardCharsets.US_ASCII);

    /** One round trip of a line (the same bytes whether the server echoes bytes or lines). */
    /** The median of 50 round trips, each on a new connection. */
    static long medianRoundTripNanos(InetSocketAddress address) throws IOException {
        long[] times = new long[50];
        for (int i = 0; i < times.length; i++) {
            times[i] = roundTripNanos(address);
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }

    static long roundTripNanos(InetSocketAddress address) throws IOException {
        try (Socket socket = TestSockets.connect(address)) {
            socket.setTcpNoDelay(true);
            long start = System.nanoTime();
            socket.getOutputStream().write(LINE);
            assertArrayEquals(LINE, socket.getInputStream().readNBytes(LINE.length));
            return System.nanoTime() - start;
        }
    }

    /** An echo whose handler runs {@code failure} (which throws) when a message starts with 'X'. */
    private static Protocol echoUnlessX(Runnable failure) {
        return peer -> new Protocol.Session() {
            @Override
            public void onData(ByteBuffer in, Protocol.Outbox out) {
                if (in.get(in.position()) == 'X') {
                    failure.run();
                }
                out.write(in);
            }

            @Override
            public void onEndOfStream(Protocol.Outbox out) {
                // nothing held back
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"select-echo-server --loops 1", "select-echo-server --loops 2",
            "select-frame-server --framing line"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void afterRunningOutOfFileDescriptorsTheLoopServesAgainByItself(String command) throws Exception {
        FdExhaustion.assumeAvailable();
        List<String> args = new ArrayList<>(Arrays.asList(command.split(" ")));
        args.addAll(List.of("--port", "0"));
        try (ChapterProcess server = FdExhaustion.start(Main.class, args.toArray(String[]::new));
             FdExhaustion flood = new FdExhaustion()) {
            InetSocketAddress address = server.awaitListening();
            String failed = flood.floodUntilAcceptFails(server, address);
            assertTrue(failed.startsWith("server " + Endpoints.format(address) + ": accept failed: "), failed);
            flood.close();
            roundTripNanos(address);
            FdExhaustion.awaitEveryBurstEnded(server);
            server.terminate();
            ChapterProcess.Result result = server.awaitExit();
            assertEquals(143, result.exitCode(), result.stderr());
            FdExhaustion.assertLoggedOncePerBurst(result);
            result.assertNoStackTrace();
        }
    }

    @Test
    void anErrorWhileServingOneClientClosesThatClientNotTheLoop() throws Exception {
        LogCapture log = new LogCapture();
        Protocol fragile = echoUnlessX(() -> {
            throw new OutOfMemoryError("simulated: no memory for this client's message");
        });
        try (SelectorServer server = new SelectorServer(TestSockets.anyLoopbackPort(), 50, 1, fragile,
                SelectorServer.DEFAULT_MAX_PENDING, log.log())) {
            InetSocketAddress address = (InetSocketAddress) server.start();
            try (Socket doomed = TestSockets.connect(address)) {
                doomed.getOutputStream().write('X');
                assertEquals(-1, doomed.getInputStream().read(), "the failed client's connection is closed");
                String line = log.awaitLines(1).get(0);
                assertTrue(line.startsWith("peer " + Endpoints.format(doomed.getLocalSocketAddress())
                        + ": handler failed: java.lang.OutOfMemoryError"), line);
            }
            roundTripNanos(address);
        }
    }

    /**
     * The same failure when not even its log line can be written (every line the log prints throws, as an
     * {@code OutOfMemoryError} does on a full heap): the line was written in the connection's own error
     * handling, so what it threw escaped the loop and ended the loop's thread, and nobody was served again.
     * Now the connection ends, unlogged, and the loop goes on.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anErrorWhoseLogLineCannotBeWrittenStillEndsOnlyThatClient() throws Exception {
        java.io.PrintStream full = new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) {
            @Override
            public void println(String line) {
                throw new OutOfMemoryError("simulated: no memory for the line");
            }
        };
        Protocol fragile = echoUnlessX(() -> {
            throw new IllegalStateException("this client's message breaks the handler");
        });
        try (SelectorServer server = new SelectorServer(TestSockets.anyLoopbackPort(), 50, 1, fragile,
                SelectorServer.DEFAULT_MAX_PENDING, new PeerLog(full))) {
            InetSocketAddress address = (InetSocketAddress) server.start();
            try (Socket doomed = TestSockets.connect(address)) {
                doomed.getOutputStream().write('X');
                assertEquals(-1, doomed.getInputStream().read(), "the failed client's connection is closed");
            }
            roundTripNanos(address); // the loop still serves
        }
    }

    @ParameterizedTest(name = "--framing {0}")
    @ValueSource(strings = {"length", "netstring"})
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aThousandDeclaredMegabytesDoNotExhaustA64MiBHeap(String framing) throws Exception {
        DeclaredLengthAttack.run(Main.class, framing, "select-frame-server", "--framing", framing, "--port", "0");
    }

    /**
     * {@link #floodWithoutReading} for many clients at once, round robin, so that their 300 ms of "nothing
     * taken" overlap instead of adding up. A client the server closes (its budget spent) is done.
     */
    static void floodAllWithoutReading(List<SocketChannel> channels, byte[] unit, BooleanSupplier serverStoppedReading)
            throws IOException {
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        while (block.remaining() >= unit.length) {
            block.put(unit);
        }
        block.flip();
        int n = channels.size();
        long[] sent = new long[n];
        long[] stuckSince = new long[n];
        boolean[] done = new boolean[n];
        for (SocketChannel channel : channels) {
            channel.configureBlocking(false);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int left = n;
        for (long round = 0; left > 0 && round < 10_000_000 && System.nanoTime() < deadline; round++) {
            for (int i = 0; i < n; i++) {
                if (done[i]) {
                    continue;
                }
                int wrote;
                try {
                    wrote = channels.get(i).write(block.rewind());
                } catch (IOException closedByServer) {
                    wrote = -1;
                }
                long now = System.nanoTime();
                if (wrote > 0) {
                    sent[i] += wrote;
                    stuckSince[i] = 0;
                } else if (wrote == 0 && stuckSince[i] == 0) {
                    stuckSince[i] = now;
                }
                if (wrote < 0 || sent[i] >= 256L * 1024 * 1024 || (stuckSince[i] != 0
                        && now - stuckSince[i] > TimeUnit.MILLISECONDS.toNanos(300) && serverStoppedReading.getAsBoolean())) {
                    done[i] = true;
                    left--;
                }
            }
        }
    }

    /**
     * Writes {@code unit} over and over without reading, until the server stops taking bytes (its
     * backpressure, then both kernels' buffers full) or a bound is reached; returns the bytes sent. "Stopped"
     * needs both: nothing taken for 300 ms, and {@code serverStoppedReading} true, since on a busy machine a
     * server that was not scheduled for 300 ms takes nothing either.
     */
    static long floodWithoutReading(SocketChannel channel, byte[] unit, BooleanSupplier serverStoppedReading)
            throws IOException {
        channel.configureBlocking(false);
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        while (block.remaining() >= unit.length) {
            block.put(unit);
        }
        block.flip();
        long sent = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long stuckSince = 0;
        while (sent < 256L * 1024 * 1024 && System.nanoTime() < deadline) {
            int n = channel.write(block.rewind());
            sent += n;
            if (n > 0) {
                stuckSince = 0;
            } else if (stuckSince == 0) {
                stuckSince = System.nanoTime();
            } else if (serverStoppedReading.getAsBoolean()
                    && System.nanoTime() - stuckSince > TimeUnit.MILLISECONDS.toNanos(300)) {
                break;
            }
        }
        return sent;
    }

    /**
     * Four clients send empty lines and never read: each reply is one byte. Counted as memory (chunks and
     * their overhead), each client's queue stays within its bound; counted as payload, as before, a
     * 64 MiB heap ran out. Meanwhile a well-behaved client still gets quick answers.
     */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void clientsFloodingTinyFramesHoldNoMoreThanTheirBoundAndDoNotSlowOthers() throws Exception {
        try (ChapterProcess server = ChapterProcess.start(List.of(), DeclaredLengthAttack.SMALL_HEAP, Main.class, null,
                "select-frame-server", "--framing", "line", "--port", "0")) {
            InetSocketAddress address = server.awaitListening();
            List<SocketChannel> flooders = new ArrayList<>();
            try {
                long before = medianRoundTripNanos(address); // the reference: this server, this machine, now
                for (int i = 0; i < 4; i++) {
                    flooders.add(SocketChannel.open(address));
                }
                floodAllWithoutReading(flooders, new byte[] {'\n'},
                        () -> true); // another process: only "still served" is asserted below
                long after = medianRoundTripNanos(address);
                // Still served: a loop stuck on a flooder would not answer at all (each round trip is bounded by
                // the socket's read timeout). How quickly is printed, not asserted: beside busy loops on two
                // cores one run measured 1.5 ms before the flood and 157 ms during it, scheduling, not the loop.
                System.out.printf("a well-behaved client's median round trip: %,d µs before the flood, %,d µs during"
                        + " it%n", before / 1_000, after / 1_000);
                assertTrue(after < 2_000_000_000L, "a well-behaved client is answered while four clients flood: median "
                        + after / 1_000_000 + " ms");
            } finally {
                for (SocketChannel flooder : flooders) {
                    flooder.close();
                }
            }
            server.terminate();
            ChapterProcess.Result result = server.awaitExit();
            assertEquals(143, result.exitCode(), result.stderr());
            assertFalse(result.stderr().contains("OutOfMemoryError"), result.stderr());
            result.assertNoStackTrace();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aQueueOfTinyRepliesCostsWhatItsMemoryCostsAndStaysWithinItsBound() throws Exception {
        MemoryBudget budget = new MemoryBudget(MemoryBudget.DEFAULT);
        try (SelectorServer server = new SelectorServer(TestSockets.anyLoopbackPort(), 50, 1,
                new FramingProtocol(new LineFraming(LineFraming.DEFAULT_MAX), budget),
                SelectorServer.DEFAULT_MAX_PENDING, budget, PeerLog.discard());
             SocketChannel flooder = SocketChannel.open((InetSocketAddress) server.start())) {
            long sent = floodWithoutReading(flooder, new byte[] {'\n'},
                    () -> server.mostPendingBytes() > SelectorServer.DEFAULT_MAX_PENDING);
            assertTrue(sent > server.pendingBound(), "sent " + sent + ": more than the bound, or nothing was tested");
            assertTrue(server.mostPendingBytes() > SelectorServer.DEFAULT_MAX_PENDING,
                    "backpressure engaged: " + server.mostPendingBytes());
            assertTrue(server.mostPendingBytes() <= server.pendingBound(), "held " + server.mostPendingBytes()
                    + " bytes of memory for one client's replies; bound " + server.pendingBound());
        }
    }

    /**
     * Forty clients send and never read. Each is held to its own bound, but together they would spend the
     * server's budget; past it the server closes them, biggest queue first, one line each, and serves on.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void whenTheBudgetIsSpentTheClientsThatStoppedReadingAreClosed() throws Exception {
        LogCapture log = new LogCapture();
        MemoryBudget budget = new MemoryBudget(2 * 1024 * 1024);
        int maxPending = 64 * 1024;
        try (SelectorServer server = new SelectorServer(TestSockets.anyLoopbackPort(), 100, 1, Protocol.ECHO,
                maxPending, budget, log.log())) {
            InetSocketAddress address = (InetSocketAddress) server.start();
            List<SocketChannel> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 40; i++) {
                    stalled.add(SocketChannel.open(address));
                }
                floodAllWithoutReading(stalled, new byte[] {'z'}, () -> !log.text().isEmpty());
                roundTripNanos(address);
                List<String> lines = log.awaitLines(1);
                assertTrue(lines.get(0).contains(": closed: not reading, "), lines.get(0));
                long slack = server.pendingBound(); // what the one read that crossed the limit could add
                assertTrue(budget.mostHeld() <= budget.limit() + slack, "held at most " + budget.mostHeld()
                        + " bytes; budget " + budget.limit() + " plus one read's " + slack);
            } finally {
                for (SocketChannel client : stalled) {
                    client.close();
                }
            }
        }
    }
}
