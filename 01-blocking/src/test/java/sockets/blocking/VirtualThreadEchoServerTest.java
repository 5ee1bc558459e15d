package sockets.blocking;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.SocketAddress;

/** The echo contract, served by one virtual thread per connection. */
class VirtualThreadEchoServerTest extends EchoServerContract {
    private ThreadPerConnectionServer server;

    @Override
    protected SocketAddress startServer() throws Exception {
        server = new ThreadPerConnectionServer(TestSockets.anyLoopbackPort(), 1024, Threads.VIRTUAL,
                new EchoHandler(), new PeerLog(new PrintStream(OutputStream.nullOutputStream())));
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
}
