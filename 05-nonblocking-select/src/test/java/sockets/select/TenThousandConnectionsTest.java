package sockets.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sockets.blocking.EchoHandler;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.common.PeerLog;
import sockets.common.Server;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.TestSockets;
import sockets.select.cli.Main;

/**
 * 10,000 connections open at once, each checked by one echo, against the selector server and against
 * chapter 01's virtual-thread server. The clients are the {@code load} command in a separate process:
 * this machine allows 20,000 open files per process, and each side needs 10,000.
 */
class TenThousandConnectionsTest {
    private static final int CONNECTIONS = 10_000;
    private final PeerLog quiet = PeerLog.discard();

    @Test
    @Timeout(120)
    void theSelectorServerHoldsTenThousandConnections() throws Exception {
        try (SelectorServer server = new SelectorServer(TestSockets.anyLoopbackPort(), 4096, 1, Protocol.ECHO,
                SelectorServer.DEFAULT_MAX_PENDING, quiet)) {
            hold(CONNECTIONS, server, server::connectionCount, "selector, 1 thread");
        }
    }

    @Test
    @Timeout(120)
    void theVirtualThreadServerHoldsTenThousandConnections() throws Exception {
        // Its limit raised past the default (1,024): this is how much ten thousand connections cost.
        try (ThreadPerConnectionServer server = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 4096,
                Threads.VIRTUAL, new EchoHandler(), 20_000, quiet)) {
            hold(CONNECTIONS, server, server::connectionCount, "virtual threads");
        }
    }

    /**
     * Platform threads, for what a connection costs there: 1,000 connections (ten thousand operating-system
     * threads would be a test of this machine's limits). A platform thread's stack is not on the heap, so
     * the process's resident memory is measured too.
     */
    @Test
    @Timeout(120)
    void thePlatformThreadServerHoldsAThousandConnections() throws Exception {
        try (ThreadPerConnectionServer server = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 4096,
                Threads.PLATFORM, new EchoHandler(), 20_000, quiet)) {
            hold(1_000, server, server::connectionCount, "platform threads");
        }
    }

    /**
     * The load process opens every connection and keeps each one busy, echo after echo, for 8 s; we
     * watch the server's count reach {@code connections} while they are all open, and measure heap and
     * resident memory (this JVM's, Linux only) per connection.
     */
    private static void hold(int connections, Server server, java.util.function.IntSupplier open, String name)
            throws Exception {
        InetSocketAddress address = (InetSocketAddress) server.start();
        long heapBefore = usedHeapAfterGc();
        long rssBefore = residentBytes();
        long rssAtMost = rssBefore;
        CompletableFuture<ChapterProcess.Result> load = CompletableFuture.supplyAsync(() -> {
            try {
                return ChapterProcess.run(Main.class, "load", "--port", String.valueOf(address.getPort()),
                        "--connections", String.valueOf(connections), "--messages", "0", "--size", "16",
                        "--duration-ms", "8000");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int most = 0;
        long heapAtMost = heapBefore;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90); // a bound for a hang: the load's own time
        while (!load.isDone() && System.nanoTime() < until) {
            int now = open.getAsInt();
            if (now > most) {
                most = now;
                if (now == connections) {
                    heapAtMost = usedHeapAfterGc();
                    rssAtMost = residentBytes();
                }
            }
            try {
                load.get(20, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // keep watching the count
            }
        }
        ChapterProcess.Result result = load.get(60, TimeUnit.SECONDS);
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains(String.format("connections %,d (0 failed)", connections)), result.stdout());
        assertTrue(result.stdout().contains("(0 wrong)"), result.stdout());
        assertEquals(connections, most, "connections open at once on the server");
        System.out.printf("%,d/%s: %s%n  per connection: heap about %,d bytes; resident memory about %s%n", connections,
                name, result.stdout().lines().findFirst().orElse(""), (heapAtMost - heapBefore) / connections,
                rssBefore < 0 ? "(not measured here)" : String.format("%,d bytes", (rssAtMost - rssBefore) / connections));
    }

    /** This JVM's resident set (VmRSS), or -1 where /proc is not there. */
    private static long residentBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException e) {
            // not Linux
        }
        return -1;
    }

    private static long usedHeapAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
