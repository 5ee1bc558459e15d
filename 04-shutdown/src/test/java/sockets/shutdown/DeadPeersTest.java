package sockets.shutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.common.HostPort;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.LogCapture;
import sockets.common.testing.NetworkNamespace;
import sockets.common.testing.TestSockets;
import sockets.shutdown.cli.Main;

/** The HOWTO's "When Sockets Die": what bounds a wait on a peer that is gone, and how long each takes. */
class DeadPeersTest {

    @Test
    void aReadOnASilentPeerTimesOutAfterSoTimeoutAndTheSocketStaysUsable() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 5, TestSockets.loopback());
             Socket client = TestSockets.connect((InetSocketAddress) listener.getLocalSocketAddress());
             Socket served = listener.accept()) {
            client.setSoTimeout(300);
            long start = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read());
            long ms = elapsedMs(start);
            assertTrue(ms >= 290 && ms < 20_300, "timed out after " + ms + " ms, asked 300");
            System.out.println("detection: SO_TIMEOUT 300 ms -> " + ms + " ms");
            served.getOutputStream().write(7);
            assertEquals(7, client.getInputStream().read(), "still usable after the timeout");
        }
    }

    /** A full accept queue drops SYNs: the connect gets no answer at all, and the timeout bounds it. */
    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "Windows answers a connect to a full accept queue with RST"
            + " (refused at once) where Linux and macOS drop the SYN (no answer): the count and the wait are theirs")
    void aConnectToAListenerWithAFullBacklogTimesOutAtTheRequestedBound() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, TestSockets.loopback())) {
            List<Socket> queued = new ArrayList<>();
            try {
                SocketTimeoutException timeout = null;
                long ms = 0;
                for (int i = 0; i < 10 && timeout == null; i++) {
                    Socket s = new Socket();
                    queued.add(s);
                    long start = System.nanoTime();
                    try {
                        s.connect(listener.getLocalSocketAddress(), 500);
                    } catch (SocketTimeoutException e) {
                        timeout = e;
                        ms = elapsedMs(start);
                    }
                }
                assertTrue(timeout != null, "once the queue was full a connect timed out");
                assertTrue(ms >= 490 && ms < 20_500, "connect gave up after " + ms + " ms, asked 500");
                System.out.println("detection: connect timeout 500 ms -> " + ms + " ms");
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    /**
     * A relay between client and server stops forwarding: both still look connected, TCP reports nothing.
     * Each side's heartbeat notices within interval x missed (plus one interval of read timeout), and closes.
     */
    @Test
    void heartbeatsOnBothSidesDetectAPeerGoneSilentBehindAPausedRelay() throws Exception {
        Duration interval = Duration.ofMillis(100);
        int missed = 3;
        LogCapture serverLog = new LogCapture();
        LogCapture relayLog = new LogCapture();
        try (ThreadPerConnectionServer server = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 5,
                Threads.VIRTUAL, new HeartbeatHandler(interval, missed), serverLog.log());
             ThreadPerConnectionServer relay = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 5,
                     Threads.VIRTUAL, new FaultyRelay(new HostPort("127.0.0.1", server.start().getPort()),
                     FaultyRelay.Faults.NONE.pausingAfter(80), TestSockets.TIMEOUT_MS, Threads.VIRTUAL),
                     relayLog.log());
             Socket socket = TestSockets.connect(relay.start())) {
            HeartbeatSession session = new HeartbeatSession(socket, interval, missed);
            PeerSilentException silent = assertThrows(PeerSilentException.class, () -> session.run(data -> { }));
            long silentMs = Long.parseLong(silent.getMessage().replaceAll("no heartbeat for (\\d+) ms.*", "$1"));
            assertTrue(silentMs >= 300 && silentMs < 300 + 100 + 5_000, "declared dead after " + silentMs + " ms of silence");
            System.out.println("detection: heartbeat 100 ms x 3 -> " + silentMs + " ms of silence");
            // The server's session detects the silence on its own clock, maybe after the client's: wait for its
            // line (closing the server first would end the session before it could tell).
            String line = serverLog.awaitLines(1).get(0);
            assertTrue(line.contains("no heartbeat for") && line.contains("3 intervals of 100 ms missed"),
                    "the server declared the client dead too: " + line);
        }
    }

    /**
     * A peer host that vanishes without a FIN: a server in a network namespace of our own, its link cut.
     * With keepalive (idle 1 s, then 3 probes 1 s apart) the client's blocked read fails within about
     * idle + interval x count = 4 s; without it, the read would wait forever (TCP sends nothing on an
     * idle connection). Needs root and iproute2 (both in CI here); skipped with the reason otherwise.
     */
    @Test
    @Timeout(60)
    void keepaliveDetectsAPeerHostThatVanishedWithoutAFin() throws Exception {
        NetworkNamespace ns;
        try {
            ns = NetworkNamespace.create();
        } catch (IOException e) {
            assumeTrue(false, "cannot make a network namespace here (needs root and iproute2): " + e.getMessage());
            return;
        }
        try (ns; ChapterProcess echo = ChapterProcess.start(ns.prefix(), sockets.blocking.cli.Main.class, null,
                "echo-server", "--host", NetworkNamespace.HOST, "--port", "0");
             Socket client = new Socket();
             Socket control = new Socket()) {
            InetSocketAddress address = echo.awaitListening();
            // The control: the same connection without keepalive (and without a read timeout).
            control.connect(new InetSocketAddress(InetAddress.getByName(NetworkNamespace.HOST), address.getPort()), 5_000);
            control.getOutputStream().write(7);
            assertEquals(7, control.getInputStream().read(), "the control's echo before the cut");
            client.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            client.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, 1);
            client.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, 1);
            client.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, 3);
            client.connect(new InetSocketAddress(InetAddress.getByName(NetworkNamespace.HOST), address.getPort()), 5_000);
            client.getOutputStream().write(42);
            assertEquals(42, client.getInputStream().read(), "an echo across the link before the cut");

            ns.cut();
            CompletableFuture<Throwable> controlOutcome = new CompletableFuture<>();
            Thread controlReader = readingThread(control, controlOutcome);
            long start = System.nanoTime();
            SocketException dead = assertThrows(SocketException.class, () -> client.getInputStream().read());
            long ms = elapsedMs(start);
            assertTrue(dead.getMessage().contains("timed out"), dead.getMessage());
            assertTrue(ms >= 2_500 && ms < 30_000, "keepalive declared the peer dead after " + ms + " ms");
            System.out.println("detection: keepalive idle 1 s + 3 x 1 s -> " + ms + " ms");
            // Without keepalive, TCP says nothing: the control's read is still blocked, and would stay so.
            awaitBlocked(controlReader, controlOutcome);
            assertTrue(!controlOutcome.isDone(), "without keepalive the read ended: " + controlOutcome.getNow(null));
            control.close(); // released by us, as the chapter says: TCP would have waited for ever
            assertTrue(controlOutcome.get(10, TimeUnit.SECONDS) instanceof SocketException);
        }
    }

    /**
     * The HOWTO: a thread stuck on a dead peer "is not really using much in the way of resources". Measured:
     * over 300 ms, a thread blocked in a read on a silent peer takes under a tenth of the CPU a spinning
     * thread takes in the same window (the reference, so a busy machine slows both alike); its cost is its
     * stack and the descriptor, not CPU.
     */
    @Test
    void aThreadBlockedOnASilentPeerUsesNoCpu() throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadCpuTimeSupported(), "no per-thread CPU time here");
        try (ServerSocket listener = new ServerSocket(0, 5, TestSockets.loopback());
             Socket client = TestSockets.connect((InetSocketAddress) listener.getLocalSocketAddress());
             Socket silent = listener.accept()) {
            client.setSoTimeout(0);
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread reader = readingThread(client, outcome);
            awaitBlocked(reader, outcome);
            long before = threads.getThreadCpuTime(reader.threadId());
            CompletableFuture<Long> spinner = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                long end = System.nanoTime() + 300_000_000L;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                spinner.complete(threads.getCurrentThreadCpuTime());
            });
            long spun = spinner.get(10, TimeUnit.SECONDS);
            long blocked = threads.getThreadCpuTime(reader.threadId()) - before;
            System.out.printf("over 300 ms: a thread blocked on a silent peer took %,d µs of CPU, a spinning one %,d µs%n",
                    blocked / 1_000, spun / 1_000);
            assertTrue(spun > 0 && blocked * 10 < spun, "blocked " + blocked / 1_000 + " µs against " + spun / 1_000);
            assertTrue(silent.isConnected());
            client.close();
            assertTrue(outcome.get(10, TimeUnit.SECONDS) instanceof SocketException);
        }
    }

    @Test
    void aThreadBlockedInReadIsReleasedByClosingTheSocketFromAnotherThread() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, TestSockets.loopback());
             Socket client = TestSockets.connect((InetSocketAddress) listener.getLocalSocketAddress());
             Socket served = listener.accept()) {
            client.setSoTimeout(0); // blocked for good, but for the close
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread reader = readingThread(client, outcome);
            awaitBlocked(reader, outcome);
            client.close();
            Throwable released = outcome.get(10, TimeUnit.SECONDS);
            assertTrue(released instanceof SocketException, String.valueOf(released));
        }
    }

    @Test
    void aVirtualThreadBlockedOnASocketChannelIsReleasedByInterruptingIt() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(TestSockets.anyLoopbackPort());
             SocketChannel client = SocketChannel.open(listener.getLocalAddress());
             SocketChannel served = listener.accept()) {
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    client.read(ByteBuffer.allocate(1));
                    outcome.complete(null);
                } catch (IOException e) {
                    outcome.complete(e);
                }
            });
            awaitBlocked(reader, outcome);
            reader.interrupt();
            Throwable released = outcome.get(10, TimeUnit.SECONDS);
            assertTrue(released instanceof ClosedByInterruptException, String.valueOf(released));
            assertTrue(!client.isOpen(), "interrupting it closed the channel");
        }
    }

    /** The HOWTO: do not try to kill the thread. Java 21 does not even let you. */
    @Test
    @SuppressWarnings("removal")
    void threadStopIsNotAnOption() throws Exception {
        Thread thread = Thread.ofPlatform().unstarted(() -> { });
        assertThrows(UnsupportedOperationException.class, thread::stop);
        // Not removed: still declared, deprecated for removal (JDK 20 made it throw).
        Deprecated deprecated = Thread.class.getMethod("stop").getAnnotation(Deprecated.class);
        assertTrue(deprecated != null && deprecated.forRemoval(), "Thread.stop is deprecated for removal");
    }

    /** A platform thread reading one byte from {@code socket}; {@code outcome} gets null, or what the read threw. */
    private static Thread readingThread(Socket socket, CompletableFuture<Throwable> outcome) {
        return Thread.ofPlatform().start(() -> {
            try {
                socket.getInputStream().read();
                outcome.complete(null);
            } catch (IOException e) {
                outcome.complete(e);
            }
        });
    }

    /**
     * Waits (bounded) until {@code reader} is really blocked in a socket read: its stack shows the JDK's
     * socket read, and it has not returned. A state we observe, not a duration we guess.
     */
    private static void awaitBlocked(Thread reader, CompletableFuture<Throwable> outcome) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!inSocketRead(reader)) {
            if (outcome.isDone()) {
                throw new AssertionError("the read returned before anything released it: " + outcome.join());
            }
            assertTrue(System.nanoTime() < deadline, "the reader never blocked in a socket read");
            Thread.onSpinWait();
        }
        assertTrue(!outcome.isDone(), "blocked, not finished");
    }

    private static boolean inSocketRead(Thread thread) {
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().startsWith("sun.nio.ch.") && frame.getMethodName().equals("read")) {
                return true;
            }
        }
        return false;
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
