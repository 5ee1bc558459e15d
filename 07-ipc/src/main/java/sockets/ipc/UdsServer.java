package sockets.ipc;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import sockets.blocking.LifecycleServer;
import sockets.blocking.PeerLog;
import sockets.blocking.Server;
import sockets.blocking.StreamHandler;
import sockets.blocking.Threads;
import sockets.select.Protocol;
import sockets.select.SelectorServer;

/**
 * A server on a Unix domain socket: chapter 05's selector loop and protocols, or chapter 01's thread per
 * connection and handlers, unchanged, bound to a path instead of a port; plus the socket file's life
 * (see {@link SocketFile}).
 */
public final class UdsServer extends LifecycleServer {
    private final Path path;
    private final Server loop;
    private volatile boolean ownsFile;

    /** Chapter 05's selector loop running {@code protocol}. */
    public UdsServer(Path path, Protocol protocol, PeerLog log) {
        this(path, new SelectorServer(UnixDomainSocketAddress.of(path), 1024, 1, protocol,
                SelectorServer.DEFAULT_MAX_PENDING, log));
    }

    /** Chapter 01's blocking design: one thread per connection, each running {@code handler}. */
    public UdsServer(Path path, Threads threads, StreamHandler handler, PeerLog log) {
        this(path, new BlockingChannelServer(UnixDomainSocketAddress.of(path), threads, handler, log));
    }

    private UdsServer(Path path, Server loop) {
        this.path = path;
        this.loop = loop;
    }

    @Override
    public synchronized SocketAddress start() throws IOException {
        SocketFile.prepare(path);
        SocketAddress bound = loop.start();
        ownsFile = true; // from here the file is ours to delete; before, it may be someone else's
        SocketFile.restrictToOwner(path); // a moment after bind: put the file in a 0700 folder to close that gap
        return bound;
    }

    @Override
    protected void stop() {
        loop.close();
        if (!ownsFile) {
            return; // refused at start: the path belongs to whoever made it
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // the server is stopping either way; a file left behind is found stale and replaced next time
        }
    }
}
