package sockets.ipc;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import sockets.blocking.EchoServerContract;
import sockets.common.PeerLog;
import sockets.common.grading.Peer;
import sockets.common.grading.Target;
import sockets.common.testing.TestSockets;
import sockets.ipc.grading.UdsTargets;
import sockets.ipc.grading.UnixPeer;

/** Chapter 01's echo contract over a Unix domain socket; each subclass serves it a different way. */
abstract class UdsEchoContract extends EchoServerContract {
    private static final PeerLog QUIET = PeerLog.discard();

    private Path folder;
    private Path path;
    private UdsServer server;

    @Override
    protected SocketAddress startServer() throws Exception {
        folder = Files.createTempDirectory("uds-echo-");
        path = folder.resolve("echo.sock");
        server = newServer(path, QUIET);
        return server.start();
    }

    /** The server under test, bound to {@code path}. */
    protected abstract UdsServer newServer(Path path, PeerLog log);

    @Override
    protected void stopServer() throws IOException {
        server.close();
        Files.deleteIfExists(path);
        Files.deleteIfExists(folder);
    }

    @Override
    protected Peer connect() throws IOException {
        return UnixPeer.connect(UnixDomainSocketAddress.of(path), TestSockets.TIMEOUT_MS);
    }

    @Override
    protected int concurrentClients() {
        return 1_000;
    }

    /** {@code grade uds-echo-server}'s checks: the echo checks, and the socket file owner-only. */
    @Override
    protected Target target() {
        return UdsTargets.udsEchoServer(concurrentClients(), path);
    }
}
