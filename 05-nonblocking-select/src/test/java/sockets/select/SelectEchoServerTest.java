package sockets.select;

import java.net.SocketAddress;
import sockets.blocking.EchoServerContract;
import sockets.common.PeerLog;
import sockets.common.grading.Target;
import sockets.common.testing.TestSockets;
import sockets.select.grading.SelectTargets;

/** Chapter 01's echo contract and chapter 05's own check, served by one selector thread: 1,000 clients at once. */
class SelectEchoServerTest extends EchoServerContract {
    private SelectorServer server;

    /** Loops of the server under test: one here, one per core in the subclass. */
    int loops() {
        return 1;
    }

    @Override
    protected SocketAddress startServer() throws Exception {
        server = new SelectorServer(TestSockets.anyLoopbackPort(), 1024, loops(), Protocol.ECHO,
                SelectorServer.DEFAULT_MAX_PENDING, PeerLog.discard());
        return server.start();
    }

    @Override
    protected void stopServer() {
        server.close();
    }

    @Override
    protected int concurrentClients() {
        return 1_000;
    }

    /** {@code grade select-echo-server}'s checks: the echo checks, and a client that never reads. */
    @Override
    protected Target target() {
        return SelectTargets.selectEchoServer(concurrentClients());
    }
}
