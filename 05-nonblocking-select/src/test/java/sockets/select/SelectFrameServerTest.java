package sockets.select;

import java.io.PrintStream;
import java.net.SocketAddress;
import sockets.common.PeerLog;
import sockets.common.testing.TestSockets;
import sockets.framing.FrameServerContract;
import sockets.framing.Framing;
import sockets.framing.MemoryBudget;

/** Chapter 02's frame server contract, served by a selector feeding chapter 02's decoders. */
class SelectFrameServerTest extends FrameServerContract {
    private SelectorServer server;

    int loops() {
        return 1;
    }

    @Override
    protected SocketAddress startServer(Framing framing, MemoryBudget budget, PrintStream log) throws Exception {
        server = new SelectorServer(TestSockets.anyLoopbackPort(), 50, loops(), new FramingProtocol(framing, budget),
                SelectorServer.DEFAULT_MAX_PENDING, budget, new PeerLog(log));
        return server.start();
    }

    @Override
    protected void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
