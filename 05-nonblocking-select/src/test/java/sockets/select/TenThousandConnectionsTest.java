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
            holdTenThousand(server, server::connectionCount, "selector, 1 thread");
        }
    }

    @Test
    @Timeout(120)
    void theVirtualThreadServerHoldsTenThousandConnections() throws Exception {
        // Its limit raised past the default (1,024): this is how much ten thousand connections cost.
        try (ThreadPerConnectionServer server = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 4096,
                Threads.VIRTUAL, new EchoHandler(), 20_000, quiet)) {
            holdTenThousand(server, server::connectionCount, "virtual threads");
        }
    }

    /**
     * The load process opens every connection and keeps each one busy, echo after echo, for 8 s; we
     * watch the server's count reach 10,000 while they are all open, and measure heap per connection.
     */
    private static void holdTenThousand(Server server, java.util.function.IntSupplier open, String name) throws Exception {
        InetSocketAddress address = (InetSocketAddress) server.start();
        long heapBefore = usedHeapAfterGc();
        CompletableFuture<ChapterProcess.Result> load = CompletableFuture.supplyAsync(() -> {
            try {
                return ChapterProcess.run(Main.class, "load", "--port", String.valueOf(address.getPort()),
                        "--connections", String.valueOf(CONNECTIONS), "--messages", "0", "--size", "16",
                        "--duration-ms", "8000");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int most = 0;
        long heapAtMost = heapBefore;
        for (int i = 0; i < 300 && !load.isDone(); i++) {
            int now = open.getAsInt();
            if (now > most) {
                most = now;
                if (now == CONNECTIONS) {
                    heapAtMost = usedHeapAfterGc();
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
        assertTrue(result.stdout().contains("connections 10,000 (0 failed)"), result.stdout());
        assertTrue(result.stdout().contains("(0 wrong)"), result.stdout());
        assertEquals(CONNECTIONS, most, "connections open at once on the server");
        System.out.printf("10k/%s: %s%n  heap per connection: about %,d bytes%n", name,
                result.stdout().lines().findFirst().orElse(""), (heapAtMost - heapBefore) / CONNECTIONS);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
