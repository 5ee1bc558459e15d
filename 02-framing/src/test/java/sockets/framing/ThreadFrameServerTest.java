package sockets.framing;

import java.io.PrintStream;
import java.net.SocketAddress;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.common.PeerLog;
import sockets.common.testing.TestSockets;

/** The frame server contract, served by chapter 01's thread-per-connection loop with {@link FrameEchoHandler}. */
class ThreadFrameServerTest extends FrameServerContract {
    private ThreadPerConnectionServer server;

    @Override
    protected SocketAddress startServer(Framing framing, MemoryBudget budget, PrintStream log) throws Exception {
        server = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 50, Threads.VIRTUAL,
                new FrameEchoHandler(framing, budget), new PeerLog(log));
        return server.start();
    }

    @Override
    protected void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
