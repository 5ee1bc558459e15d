package sockets.select;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import sockets.common.Endpoints;
import sockets.common.PeerLog;
import sockets.common.Server;
import sockets.common.Servers;
import sockets.common.Stopped;
import sockets.framing.MemoryBudget;

/**
 * The HOWTO's third server design: non-blocking sockets multiplexed by {@code select}, which in Java is a
 * {@link Selector}. With one loop, one thread accepts, reads and writes for every connection. With N loops,
 * the first also accepts and deals the new connections out to all N, one thread each (one per core).
 *
 * <p>Per connection: a queue of output not yet written, small replies packed into shared chunks;
 * {@code OP_WRITE} interest only while that queue is not empty (a socket is writable nearly always, so
 * permanent write interest would spin the loop); and backpressure: once a connection's queue costs
 * {@code maxPending} bytes of memory (chunks and their overhead, not only payload), the server stops
 * reading from it until it drains. When a client half-closes, the server finishes writing what it owes,
 * then closes. A client that resets or vanishes ends its own connection only.
 *
 * <p>For the whole server: every queue and every unfinished frame draws from one {@link MemoryBudget}.
 * When it is spent, the loop closes the clients that stopped reading, largest queue first. A failed
 * accept (out of file descriptors) is logged once, and accepting pauses briefly and resumes by itself;
 * a fault or an {@code Error} while serving one connection closes that connection, never the loop.
 *
 * <p>Three files: this one starts and stops the server and holds what its loops share; {@link SelectLoop} is
 * one loop (select, accept, read, write, close); {@link Connection} is one client's state.
 */
public final class SelectorServer implements Server {
    public static final int DEFAULT_MAX_PENDING = 256 * 1024;
    static final int READ_BUFFER = 64 * 1024;
    /** Output is packed into chunks of this size, so a thousand one-byte replies cost one chunk, not a thousand. */
    static final int CHUNK = 16 * 1024;
    /** What a chunk costs beyond its bytes: the ByteBuffer and array headers, the queue's slot. */
    static final int CHUNK_OVERHEAD = 96;
    static final long ACCEPT_RETRY_MS = 50;
    /** How soon a loop with clients paused for the budget looks again whether it has room. */
    static final long BUDGET_RECHECK_MS = 10;
    /** What one connection costs here at most, to size the default limit: its state is about 1 KiB (measured). */
    static final long CONNECTION_COST = 4 * 1024;
    /** The default limit on connections when the heap is large enough for it. */
    public static final int MAX_CONNECTIONS = 16_384;
    /** At most this many accepts per turn, so a connect storm cannot starve the connections already open. */
    static final int ACCEPTS_PER_TURN = 64;

    /**
     * What can be set on a server: {@code loops}, selector threads (the first also accepts); {@code maxPending},
     * the most one connection's unsent replies may cost before the server stops reading it; {@code
     * maxConnections}, the most connections at once (beyond it, clients wait in the backlog).
     */
    record Settings(int loops, int maxPending, int maxConnections) {
        Settings {
            if (loops < 1 || maxPending < 1 || maxConnections < 1) {
                throw new IllegalArgumentException("loops, maxPending and maxConnections must be at least 1, not "
                        + loops + ", " + maxPending + ", " + maxConnections);
            }
        }

        /** {@code loops} and {@code maxPending}, with the default limit on connections for this heap. */
        Settings(int loops, int maxPending) {
            this(loops, maxPending, defaultMaxConnections());
        }
    }

    // Set once by a constructor.
    /** Where to bind, with {@link #backlog}; null when a channel already bound was {@link #given}. */
    private final InetSocketAddress bindAddress;
    private final int backlog;
    /** A listening channel bound by the caller (a Unix domain socket's, say), or null. */
    private final ServerSocketChannel given;
    /** What the connections speak: each gets a session of it. */
    final Protocol protocol;
    /** Every connection's queue and every unfinished frame draw from it. */
    final MemoryBudget budget;
    /** Where per-connection events and the server's own lines go. */
    final PeerLog log;

    // Set before start (maxConnections), then read by the loops.
    /** Loops, per-connection queue limit, connection limit. */
    Settings settings;

    // Set by start, read by the loops.
    /** The listening channel: accepted from by the first loop only. */
    ServerSocketChannel listener;
    /** The address it listens on, for log lines. */
    SocketAddress bound;
    /** The loops, the first also accepting. */
    private final List<SelectLoop> loops = new ArrayList<>();

    // Changed by the loops.
    /** How many connections were dealt out so far: the next goes to loop {@code next % loops}. */
    private final AtomicInteger next = new AtomicInteger();
    /** Connections ever accepted: numbers peers whose address is not known (a Unix socket's). */
    final AtomicLong accepted = new AtomicLong();
    /** Connections accepted and not yet closed, wherever they are (handed to a loop and not yet registered too). */
    final AtomicInteger admitted = new AtomicInteger();
    /** Connections registered with a loop and not yet closed. */
    final AtomicInteger open = new AtomicInteger();
    /** At the connection limit: accepting paused, said once. */
    final AtomicBoolean limited = new AtomicBoolean();
    /** The most memory any one connection's queue has cost at once. */
    final AtomicLong mostPending = new AtomicLong();

    // Changed by stop and close.
    /** Closing: the loops end now, closing what they hold. */
    volatile boolean closing;
    /** Stopping: no accepting, no reading; what is owed is sent until {@link #drainDeadline} (System.nanoTime). */
    volatile boolean draining;
    volatile long drainDeadline;
    /** Connections ended with a reset by the stop, and the bytes they were owed either way. */
    final AtomicLong cutConnections = new AtomicLong();
    final AtomicLong cutBytes = new AtomicLong();

    /** A TCP server on {@code bindAddress}, whose memory budget is {@link MemoryBudget#serverDefault()}. */
    public SelectorServer(InetSocketAddress bindAddress, int backlog, int loops, Protocol protocol, int maxPending,
                          PeerLog log) {
        this(bindAddress, backlog, loops, protocol, maxPending, new MemoryBudget(MemoryBudget.serverDefault()), log);
    }

    /** A TCP server; {@code budget}: shared with the protocol's decoders, so that one limit covers both. */
    public SelectorServer(InetSocketAddress bindAddress, int backlog, int loops, Protocol protocol, int maxPending,
                          MemoryBudget budget, PeerLog log) {
        this(bindAddress, backlog, null, new Settings(loops, maxPending), protocol, budget, log);
    }

    /**
     * A server on a listening channel already bound, of any family: a Unix domain socket's, say. The loop
     * does not care what the channel is bound to; it only accepts, reads and writes.
     */
    public SelectorServer(ServerSocketChannel bound, int loops, Protocol protocol, int maxPending,
                          MemoryBudget budget, PeerLog log) {
        this(null, 0, bound, new Settings(loops, maxPending), protocol, budget, log);
    }

    private SelectorServer(InetSocketAddress bindAddress, int backlog, ServerSocketChannel given, Settings settings,
                           Protocol protocol, MemoryBudget budget, PeerLog log) {
        this.bindAddress = bindAddress;
        this.backlog = backlog;
        this.given = given;
        this.settings = settings;
        this.protocol = protocol;
        this.budget = budget;
        this.log = log;
    }

    @Override
    public synchronized SocketAddress start() throws IOException {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        ServerSocketChannel channel = given != null ? given : ServerSocketChannel.open();
        if (given == null) {
            try {
                channel.bind(bindAddress, backlog);
            } catch (IOException e) {
                channel.close();
                throw Servers.bindFailure(bindAddress, e);
            }
        }
        channel.configureBlocking(false); // a selector refuses a blocking channel (IllegalBlockingModeException)
        listener = channel;
        for (int i = 0; i < settings.loops(); i++) {
            loops.add(new SelectLoop(this, Selector.open()));
        }
        channel.register(loops.get(0).selector, SelectionKey.OP_ACCEPT);
        bound = channel.getLocalAddress();
        String name = Endpoints.format(bound);
        for (int i = 0; i < loops.size(); i++) {
            SelectLoop loop = loops.get(i);
            loop.thread = Thread.ofPlatform().name("select-" + name + "-" + i).start(loop);
        }
        return bound;
    }

    /** The loop the next connection goes to: each in turn. */
    SelectLoop nextLoop() {
        return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    }

    /** The most memory any one connection's output queue has cost at once: what backpressure bounds. */
    public long mostPendingBytes() {
        return mostPending.get();
    }

    /**
     * {@value #MAX_CONNECTIONS}, or fewer under a small heap: one per {@value #CONNECTION_COST} bytes of a quarter
     * of the heap (3,960 under {@code -Xmx64m}).
     */
    public static int defaultMaxConnections() {
        long quarter = Runtime.getRuntime().maxMemory() / 4;
        return (int) Math.max(16, Math.min(MAX_CONNECTIONS, quarter / CONNECTION_COST));
    }

    /**
     * Sets the limit on connections at once, before {@link #start()}: at it, the loop stops accepting (new
     * clients wait in the backlog) and says so once; it accepts again when a quarter of it is free.
     */
    public SelectorServer maxConnections(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + limit);
        }
        settings = new Settings(settings.loops(), settings.maxPending(), limit);
        return this;
    }

    /** Connections open right now. */
    public int connectionCount() {
        return open.get();
    }

    /**
     * The bound on {@link #mostPendingBytes()}: the limit, plus what one read can add before reading
     * stops (a read's bytes, or a message it completes, whichever is larger), plus one chunk's slack
     * and the overhead of the chunks that hold it.
     */
    public long pendingBound() {
        long oneRead = Math.max(READ_BUFFER, (long) protocol.largestReply());
        long bytes = settings.maxPending() + oneRead + CHUNK;
        return bytes + (bytes / CHUNK + 2) * CHUNK_OVERHEAD;
    }

    /**
     * Stops without silent loss. Each loop stops accepting and reading, and keeps writing what its
     * connections are owed until it is all sent or {@code drainMs} have passed. A connection with nothing
     * owed either way (its replies all handed to the kernel, none of its own bytes unread or in a frame begun)
     * ends in order; any other is reset, since an orderly end would tell its client that all was answered.
     */
    @Override
    public Stopped stop(long drainMs) {
        synchronized (this) {
            if (closing || draining || listener == null) {
                return Stopped.NOTHING;
            }
            drainDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMs);
            draining = true;
        }
        closeQuietly(listener); // no new connections; its key is cancelled at the next select
        for (SelectLoop loop : loops) {
            loop.selector.wakeup();
        }
        try {
            for (SelectLoop loop : loops) {
                loop.thread.join(drainMs + 1_000); // a loop ends by itself once its connections are finished
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        return new Stopped(cutConnections.get(), cutBytes.get());
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        try {
            for (SelectLoop loop : loops) {
                loop.selector.wakeup();
            }
            for (SelectLoop loop : loops) {
                loop.thread.join(5_000);
            }
            if (listener != null) {
                listener.close();
            }
        } catch (IOException e) {
            // closing to stop: a listener that fails to close changes nothing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // closing to stop: nothing more to do with it
        }
    }
}
