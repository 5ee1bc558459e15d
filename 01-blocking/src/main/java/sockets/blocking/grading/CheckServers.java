package sockets.blocking.grading;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import sockets.blocking.ConnectionHandler;
import sockets.blocking.Relay;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.common.HostPort;
import sockets.common.PeerLog;

/**
 * The servers a client check runs a student's client against, on loopback and a free port: a handler
 * of the check's own (the chapter's server, or one that misbehaves on purpose), and chapter 01's relay in
 * front of one, cutting and delaying what it forwards. Closing one stops it and its connections.
 */
public record CheckServers(ThreadPerConnectionServer server, InetSocketAddress address) implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    /** {@code handler} serving every connection, on its own virtual thread. */
    public static CheckServers serve(ConnectionHandler handler) throws IOException {
        ThreadPerConnectionServer server = new ThreadPerConnectionServer(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64, Threads.VIRTUAL, handler, PeerLog.discard());
        try {
            return new CheckServers(server, server.start());
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Chapter 01's relay, forwarding to {@code target} with {@code faults}. */
    public static CheckServers relay(InetSocketAddress target, Relay.Faults faults) throws IOException {
        return serve(new Relay(new HostPort(target.getAddress().getHostAddress(), target.getPort()), faults,
                CONNECT_TIMEOUT_MS, Threads.VIRTUAL));
    }

    public int port() {
        return address.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
