package sockets.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sockets.blocking.Threads;
import sockets.common.testing.LogCapture;
import sockets.select.Protocol;

/**
 * {@code uds-echo-server} serves at most --max-connections at once, in each model: at the limit it says so
 * once and the next client waits in the backlog; when a connection ends, the one waiting is served.
 */
class UdsConnectionLimitTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"selector", "platform", "virtual"})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void atTheLimitTheNextClientWaitsAndIsServedWhenOneEnds(String model, @TempDir Path folder) throws Exception {
        Path path = folder.resolve("s.sock");
        LogCapture log = new LogCapture();
        UdsServer server = switch (model) {
            case "selector" -> new UdsServer(path, Protocol.ECHO, log.log());
            case "platform" -> new UdsServer(path, Threads.PLATFORM, log.log());
            default -> new UdsServer(path, Threads.VIRTUAL, log.log());
        };
        try (UdsServer limited = server.maxConnections(2)) {
            limited.start();
            UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
            try (SocketChannel first = SocketChannel.open(address); SocketChannel second = SocketChannel.open(address)) {
                assertEquals("one", echo(first, "one"));
                assertEquals("two", echo(second, "two"));
                try (SocketChannel third = SocketChannel.open(address)) { // completes in the backlog
                    third.write(ByteBuffer.wrap("three".getBytes()));
                    String line = log.awaitLines(1).get(0);
                    assertTrue(line.contains("at --max-connections 2"), line);
                    first.close(); // a slot is free: the one waiting is accepted and served
                    assertEquals("three", read(third, 5));
                }
            }
        }
    }

    private static String echo(SocketChannel channel, String text) throws Exception {
        channel.write(ByteBuffer.wrap(text.getBytes()));
        return read(channel, text.length());
    }

    /** A blocking read of {@code n} bytes, bounded by the test's timeout (no SO_TIMEOUT on Unix channels). */
    private static String read(SocketChannel channel, int n) throws Exception {
        ByteBuffer back = ByteBuffer.allocate(n);
        for (int i = 0; i < n && back.hasRemaining() && channel.read(back) >= 0; i++) {
            // until the whole echo is back
        }
        return new String(back.array(), 0, back.position());
    }
}
