package sockets.shutdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sockets.blocking.Relay;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.common.HostPort;
import sockets.common.PeerLog;
import sockets.common.testing.LogCapture;
import sockets.common.testing.TestSockets;

/** The half-close request/reply pattern, end to end. */
class DigestTest {
    private final LogCapture log = new LogCapture();
    private ThreadPerConnectionServer server;
    private ThreadPerConnectionServer relay;

    private InetSocketAddress start(long maxRequest) throws Exception {
        server = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 5, Threads.VIRTUAL,
                new DigestHandler(maxRequest), log.log());
        return server.start();
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 1000, 10 * 1024 * 1024})
    void clientAndServerAgreeOnCountAndDigest(int size) throws Exception {
        DigestClient.Result result = DigestClient.exchange(start(DigestHandler.DEFAULT_MAX),
                new ByteArrayInputStream(TestSockets.randomBytes(size, size)), TestSockets.TIMEOUT_MS);
        assertTrue(result.matches(), result.toString());
        assertEquals(size, result.sent());
    }

    @ParameterizedTest(name = "{0} bytes, 7 at a time")
    @ValueSource(ints = {0, 1000, 1024 * 1024})
    void theyAgreeThroughARelayForwardingSevenBytesAtATime(int size) throws Exception {
        InetSocketAddress direct = start(DigestHandler.DEFAULT_MAX);
        relay = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 5, Threads.VIRTUAL,
                new Relay(new HostPort("127.0.0.1", direct.getPort()), new Relay.Faults(7, 0), TestSockets.TIMEOUT_MS,
                        Threads.VIRTUAL), new PeerLog(System.err));
        DigestClient.Result result = DigestClient.exchange(relay.start(),
                new ByteArrayInputStream(TestSockets.randomBytes(size, size)), TestSockets.TIMEOUT_MS);
        assertTrue(result.matches(), result.toString());
    }

    @Test
    void aRequestOverTheLimitGetsAnErrorLineAndOneLogLine() throws Exception {
        DigestClient.Result result = DigestClient.exchange(start(100_000),
                new ByteArrayInputStream(new byte[1_000_000]), TestSockets.TIMEOUT_MS);
        assertEquals("error: request exceeds maximum 100000 bytes", result.reply());
        List<String> lines = log.awaitLines(1);
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.get(0);
        assertTrue(line.startsWith("peer 127.0.0.1:") && line.contains("request exceeds maximum 100000 bytes"), line);
    }
}
