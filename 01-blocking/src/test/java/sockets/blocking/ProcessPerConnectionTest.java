package sockets.blocking;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sockets.common.PeerLog;
import sockets.common.testing.JmhSmoke;
import sockets.common.testing.TestSockets;

/**
 * The HOWTO's process per connection: chapter 01's echo contract passes with a {@code cat} process
 * serving each connection (fewer clients at once: each is a process). Needs {@code /bin/cat}: skipped
 * on Windows, saying so.
 */
class ProcessPerConnectionTest extends EchoServerContract {

    @BeforeAll
    static void needsCat() {
        assumeTrue(Files.isExecutable(Path.of("/bin/cat")), "a process per connection runs /bin/cat, which this system lacks");
    }

    private ThreadPerConnectionServer server;

    @Override
    protected SocketAddress startServer() throws Exception {
        server = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 256, Threads.VIRTUAL,
                new ProcessPerConnection(List.of("/bin/cat")), PeerLog.discard());
        return server.start();
    }

    @Override
    protected void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected int concurrentClients() {
        return 50;
    }

    @Test
    void theBenchmarkComparingItWithAThreadPerConnectionRuns() throws Exception {
        JmhSmoke.runOnce(3, ServerDesignBenchmark.class);
    }
}
