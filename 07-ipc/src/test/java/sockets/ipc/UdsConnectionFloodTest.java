package sockets.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.ConnectionFlood;
import sockets.ipc.cli.Main;

/**
 * {@code uds-echo-server} under {@code -Xmx64m}, each model, flooded with up to 20,000 idle Unix-socket connections
 * (tried until it says it is at its limit):
 * it takes what its limit allows (the rest wait in the backlog or are refused by the kernel), says so once,
 * and afterwards a good client is served and SIGTERM gives 143, with no {@code OutOfMemoryError}.
 */
class UdsConnectionFloodTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"selector", "platform", "virtual"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aFloodOfIdleConnectionsUnderASmallHeapLeavesTheServerServing(String model, @TempDir Path folder) throws Exception {
        Path path = folder.resolve("s.sock");
        try (ChapterProcess server = ChapterProcess.start(List.of(), ConnectionFlood.SMALL_HEAP, Main.class, null,
                "uds-echo-server", "--path", path.toString(), "--model", model, "--drain-ms", "500")) {
            assertEquals("listening on " + path, server.awaitFirstLine());
            UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
            List<SocketChannel> flood = new ArrayList<>();
            int took = 0;
            int refused = 0;
            java.util.concurrent.CompletableFuture<String> said = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return server.awaitStderr("at --max-connections");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                // Connect until the server says it is at its limit (at most 20,000, within 25 s): a Unix socket's
                // full backlog refuses a connect at once, so a server slow to accept (a busy machine) is given
                // more tries, not fewer connections.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
                while (!said.isDone() && took < 20_000 && System.nanoTime() < deadline) {
                    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                    channel.configureBlocking(false);
                    try {
                        if (channel.connect(address) || channel.finishConnect()) {
                            took++;
                        }
                        flood.add(channel);
                    } catch (IOException full) {
                        channel.close(); // the backlog is full: try again while the server accepts
                        refused++;
                        Thread.onSpinWait();
                    }
                }
                String line = said.get(30, TimeUnit.SECONDS);
                System.out.printf("uds flood (%s): %,d connected, %,d refused by a full backlog and tried again; %s%n",
                        model, took, refused, line);
            } finally {
                for (SocketChannel channel : flood) {
                    channel.close();
                }
            }
            String echoed = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (int i = 0; i < 300 && echoed == null && System.nanoTime() < deadline; i++) {
                try (SocketChannel good = SocketChannel.open(address)) {
                    good.write(ByteBuffer.wrap("after the flood".getBytes()));
                    ByteBuffer back = ByteBuffer.allocate(15);
                    for (int k = 0; k < 1_000 && back.hasRemaining() && good.read(back) >= 0; k++) {
                        // until the whole echo is back
                    }
                    echoed = new String(back.array(), 0, back.position());
                } catch (IOException e) {
                    Thread.onSpinWait(); // refused while the server catches up: try again, bounded
                }
            }
            assertEquals("after the flood", echoed, "a good client is served after the flood");
            server.terminate();
            ChapterProcess.Result result = server.awaitExit(60);
            assertEquals(143, result.exitCode(), result.stderr());
            assertFalse(result.stderr().contains("OutOfMemoryError"), result.stderr());
            assertTrue(ConnectionFlood.count(result.stderr(), "at --max-connections") >= 1, result.stderr());
            result.assertNoStackTrace();
        }
    }
}
