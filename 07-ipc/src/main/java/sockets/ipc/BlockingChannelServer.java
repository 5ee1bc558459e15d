package sockets.ipc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import sockets.blocking.AcceptLoopServer;
import sockets.blocking.Connection;
import sockets.blocking.Endpoints;
import sockets.blocking.PeerLog;
import sockets.blocking.Servers;
import sockets.blocking.StreamHandler;
import sockets.blocking.Threads;

/**
 * Chapter 01's thread-per-connection loop on a Unix domain socket. Such a socket has no {@code java.net.Socket},
 * only channels; so the loop accepts from a {@code ServerSocketChannel}, leaves each channel in blocking mode,
 * and serves it with an unchanged {@link StreamHandler} through its two streams.
 */
final class BlockingChannelServer extends AcceptLoopServer<SocketChannel> {
    private final UnixDomainSocketAddress bindAddress;
    private final StreamHandler handler;
    private final Map<SocketChannel, SocketAddress> names = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private ServerSocketChannel listener;

    BlockingChannelServer(UnixDomainSocketAddress bindAddress, Threads threads, StreamHandler handler, PeerLog log) {
        super(threads, log);
        this.bindAddress = bindAddress;
        this.handler = handler;
    }

    @Override
    protected SocketAddress bind() throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(bindAddress, 1024);
        } catch (IOException e) {
            channel.close();
            throw Servers.bindFailure(bindAddress, e);
        }
        listener = channel;
        return channel.getLocalAddress();
    }

    @Override
    protected SocketChannel accept() throws IOException {
        SocketChannel channel = listener.accept();
        try {
            names.put(channel, Endpoints.unixClient(channel.getRemoteAddress(), listener.getLocalAddress(),
                    accepted.incrementAndGet()));
        } catch (IOException e) {
            // closed already: it gets no name, and its handler fails at once
        }
        return channel;
    }

    @Override
    protected void closeListener() {
        closeQuietly(listener);
    }

    @Override
    protected SocketAddress peer(SocketChannel connection) {
        return names.get(connection);
    }

    @Override
    protected void serve(SocketChannel channel) throws IOException {
        try {
            handler.handle(new ChannelConnection(channel, peer(channel)));
        } finally {
            names.remove(channel);
        }
    }

    /** A blocking channel seen as two streams: all a {@link StreamHandler} uses. */
    private record ChannelConnection(SocketChannel channel, SocketAddress peer) implements Connection {
        @Override
        public InputStream input() {
            return Channels.newInputStream(channel);
        }

        @Override
        public OutputStream output() {
            return Channels.newOutputStream(channel);
        }

        @Override
        public void shutdownOutput() throws IOException {
            channel.shutdownOutput();
        }
    }
}
