package sockets.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sockets.blocking.Threads;
import sockets.common.Stopped;
import sockets.common.testing.LogCapture;

/**
 * The thread models of {@code uds-echo-server} on stop: connections may end by themselves for the drain
 * period (a client that has sent its last bytes gets them back and an orderly end), and what is still open
 * after it is closed and counted in one line. (Before: every connection cut at once, and nothing said.)
 */
class UdsStopTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"platform", "virtual"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void connectionsThatEndWithinTheDrainEndInOrderAndNothingIsCut(String model, @TempDir Path folder) throws Exception {
        UdsServer server = new UdsServer(folder.resolve("s.sock"), threads(model), new LogCapture().log());
        UnixDomainSocketAddress address = (UnixDomainSocketAddress) server.start();
        try (SocketChannel finished = SocketChannel.open(address); SocketChannel idle = SocketChannel.open(address)) {
            assertEquals("hi", echo(idle, "hi")); // served, and open
            assertEquals("hi", echo(finished, "hi"));
            CompletableFuture<Stopped> stopping = CompletableFuture.supplyAsync(() -> server.stop(20_000));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (accepts(address)) { // the stop has begun once the socket refuses newcomers (watched, bounded)
                assertTrue(System.nanoTime() < deadline, "the server never stopped accepting");
                Thread.onSpinWait();
            }
            finished.write(ByteBuffer.wrap("bye".getBytes(StandardCharsets.US_ASCII))); // during the drain
            finished.shutdownOutput(); // its last bytes: the echo is owed
            assertEquals("bye", readToEnd(finished), "the echo, then an orderly end");
            idle.close(); // this client ends too: the stop has nothing left to wait for
            Stopped stopped = stopping.get(10, TimeUnit.SECONDS); // long before the 20 s drain
            assertEquals(0, stopped.connectionsCut(), String.valueOf(stopped.line()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"platform", "virtual"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void whatIsStillOpenAfterTheDrainIsCutAndCounted(String model, @TempDir Path folder) throws Exception {
        UdsServer server = new UdsServer(folder.resolve("s.sock"), threads(model), new LogCapture().log());
        UnixDomainSocketAddress address = (UnixDomainSocketAddress) server.start();
        try (SocketChannel one = SocketChannel.open(address); SocketChannel two = SocketChannel.open(address)) {
            assertEquals("one", echo(one, "one"));
            assertEquals("two", echo(two, "two"));
            Stopped stopped = server.stop(200);
            assertEquals(2, stopped.connectionsCut());
            assertEquals("stopped: 2 connections cut while still open", stopped.line());
            assertTrue(ended(one) && ended(two), "both connections are over");
        }
    }

    private static boolean accepts(UnixDomainSocketAddress address) {
        try (SocketChannel probe = SocketChannel.open(address)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static Threads threads(String model) {
        return model.equals("platform") ? Threads.PLATFORM : Threads.VIRTUAL;
    }

    private static String echo(SocketChannel channel, String text) throws IOException {
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer back = ByteBuffer.allocate(text.length());
        for (int i = 0; i < 1_000 && back.hasRemaining() && channel.read(back) >= 0; i++) {
            // until the whole echo is back
        }
        return new String(back.array(), 0, back.position(), StandardCharsets.US_ASCII);
    }

    /** Everything until end of stream (bounded by the test's timeout: Unix channels have no SO_TIMEOUT). */
    private static String readToEnd(SocketChannel channel) throws IOException {
        StringBuilder text = new StringBuilder();
        ByteBuffer buffer = ByteBuffer.allocate(64);
        for (int n = channel.read(buffer); n != -1; n = channel.read(buffer.clear())) {
            text.append(new String(buffer.array(), 0, n, StandardCharsets.US_ASCII));
        }
        return text.toString();
    }

    /** Whether a read now says the connection is over: end of stream, or an error. */
    private static boolean ended(SocketChannel channel) {
        try {
            return channel.read(ByteBuffer.allocate(16)) == -1;
        } catch (IOException e) {
            return true;
        }
    }
}
