package sockets.ipc;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import sockets.blocking.EchoServerContract;
import sockets.blocking.Peer;
import sockets.blocking.PeerLog;
import sockets.select.Protocol;

/** Chapter 01's echo contract, over a Unix domain socket, served by chapter 05's selector loop. */
class UdsEchoServerTest extends EchoServerContract {
    private Path folder;
    private Path path;
    private UdsServer server;

    @Override
    protected SocketAddress startServer() throws Exception {
        folder = Files.createTempDirectory("uds-echo-");
        path = folder.resolve("echo.sock");
        server = new UdsServer(path, Protocol.ECHO, new PeerLog(new PrintStream(OutputStream.nullOutputStream())));
        return server.start();
    }

    @Override
    protected void stopServer() throws IOException {
        server.close();
        Files.deleteIfExists(path);
        Files.deleteIfExists(folder);
    }

    @Override
    protected Peer connect() throws IOException {
        return new UdsPeer(path);
    }

    @Override
    protected int concurrentClients() {
        return 1_000;
    }
}
