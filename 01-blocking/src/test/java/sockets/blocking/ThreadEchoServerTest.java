package sockets.blocking;

import java.net.SocketAddress;
import sockets.common.PeerLog;
import sockets.common.testing.TestSockets;

/** The echo contract, served by {@link ThreadPerConnectionServer} with one kind of thread. */
abstract class ThreadEchoServerTest extends EchoServerContract {
    private final Threads threads;
    private final int clients;
    private ThreadPerConnectionServer server;

    ThreadEchoServerTest(Threads threads, int clients) {
        this.threads = threads;
        this.clients = clients;
    }

    @Override
    protected SocketAddress startServer() throws Exception {
        server = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 1024, threads,
                new EchoHandler(), PeerLog.discard());
        return server.start();
    }

    @Override
    protected void stopServer() {
        server.close();
    }

    @Override
    protected int concurrentClients() {
        return clients;
    }
}
