package sockets.ipc;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import sockets.blocking.Threads;
import sockets.common.PeerLog;
import sockets.common.Server;
import sockets.common.Servers;
import sockets.framing.MemoryBudget;
import sockets.select.Protocol;
import sockets.select.SelectorServer;

/**
 * An echo server (or any chapter 05 protocol) on a Unix domain socket, and the socket file's life (see
 * {@link SocketFile}): refuse a path someone else holds, replace a stale file, make it owner-only, delete
 * it on shutdown if it is still the file this server made. It binds a {@code ServerSocketChannel} of the UNIX family itself, then hands it to a
 * loop that does not care what the channel is bound to: chapter 05's {@link SelectorServer}, unchanged,
 * or this chapter's own thread per connection ({@link BlockingUdsEchoServer}).
 */
public final class UdsServer implements Server {
    private static final int BACKLOG = 1024;

    private final Path path;
    private final Protocol protocol;
    private final Threads threads;
    private final PeerLog log;
    private volatile boolean closing;
    private AutoCloseable loop;
    private volatile boolean ownsFile;
    /** The file bind made (its device and inode), to delete that file and no other. */
    private volatile Object created;
    /** The limit on connections at once; 0: each loop's own default (chapter 01's or chapter 05's). */
    private int maxConnections;

    /** Chapter 05's selector loop running {@code protocol}. */
    public UdsServer(Path path, Protocol protocol, PeerLog log) {
        this(path, protocol, null, log);
    }

    /** Echo with a thread per connection, {@code threads} platform or virtual. */
    public UdsServer(Path path, Threads threads, PeerLog log) {
        this(path, null, threads, log);
    }

    private UdsServer(Path path, Protocol protocol, Threads threads, PeerLog log) {
        this.path = path;
        this.protocol = protocol;
        this.threads = threads;
        this.log = log;
    }

    /** Serves at most {@code limit} connections at once (set before {@link #start()}). */
    public UdsServer maxConnections(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + limit);
        }
        this.maxConnections = limit;
        return this;
    }

    @Override
    public synchronized SocketAddress start() throws IOException {
        SocketFile.prepare(path);
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(address, BACKLOG);
        } catch (IOException e) {
            channel.close();
            throw Servers.bindFailure(address, e);
        }
        created = SocketFile.identity(path);
        ownsFile = true; // from here the file is ours to delete; before, it may be someone else's
        SocketFile.restrictToOwner(path); // a moment after bind: put the file in a 0700 folder to close that gap
        if (protocol != null) {
            SelectorServer selector = new SelectorServer(channel, 1, protocol, SelectorServer.DEFAULT_MAX_PENDING,
                    new MemoryBudget(MemoryBudget.serverDefault()), log);
            if (maxConnections > 0) {
                selector.maxConnections(maxConnections);
            }
            loop = selector;
            selector.start();
        } else {
            BlockingUdsEchoServer blocking = new BlockingUdsEchoServer(channel, threads, maxConnections > 0
                    ? maxConnections : sockets.blocking.ThreadPerConnectionServer.defaultMaxConnections(), log);
            loop = blocking;
            blocking.start();
        }
        return address;
    }

    /**
     * Stops the loop as it stops (chapter 05's selector drains what it owes; the thread models let
     * connections end by themselves for the drain period, then cut the rest), then removes the file.
     */
    @Override
    public sockets.common.Stopped stop(long drainMs) {
        sockets.common.Stopped stopped = loop instanceof Server server ? server.stop(drainMs)
                : loop instanceof BlockingUdsEchoServer blocking ? blocking.stop(drainMs) : sockets.common.Stopped.NOTHING;
        close();
        return stopped;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        if (loop != null) {
            try {
                loop.close();
            } catch (Exception e) {
                // stopping either way
            }
        }
        if (!ownsFile) {
            return; // refused at start: the path belongs to whoever made it
        }
        try {
            String left = SocketFile.deleteIfStillOurs(path, created);
            if (left != null) {
                log.server(UnixDomainSocketAddress.of(path), "left " + path + " in place: " + left);
            }
        } catch (IOException e) {
            // the server is stopping either way; a file left behind is found stale and replaced next time
            log.server(UnixDomainSocketAddress.of(path), "could not delete " + path + ": " + PeerLog.describe(e));
        }
    }
}
