package sockets.blocking;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * The HOWTO's threaded TCP server: a {@code ServerSocket} accepting, one thread (platform or virtual) per
 * client socket, each served by a {@link ConnectionHandler}. The loop itself is {@link AcceptLoopServer}.
 */
public final class ThreadPerConnectionServer extends AcceptLoopServer<Socket> {
    private final InetSocketAddress bindAddress;
    private final int backlog;
    private final ConnectionHandler handler;
    private ServerSocket listener;

    public ThreadPerConnectionServer(InetSocketAddress bindAddress, int backlog, Threads threads,
                                     ConnectionHandler handler, PeerLog log) {
        super(threads, log);
        this.bindAddress = bindAddress;
        this.backlog = backlog;
        this.handler = handler;
    }

    @Override
    public synchronized InetSocketAddress start() throws IOException {
        return (InetSocketAddress) super.start();
    }

    @Override
    protected SocketAddress bind() throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(bindAddress, backlog);
        } catch (IOException e) {
            socket.close();
            throw Servers.bindFailure(bindAddress, e);
        }
        listener = socket;
        return socket.getLocalSocketAddress();
    }

    @Override
    protected Socket accept() throws IOException {
        return listener.accept();
    }

    @Override
    protected void closeListener() {
        closeQuietly(listener);
    }

    @Override
    protected SocketAddress peer(Socket connection) {
        return connection.getRemoteSocketAddress();
    }

    @Override
    protected void serve(Socket connection) throws IOException {
        handler.handle(connection);
    }
}
