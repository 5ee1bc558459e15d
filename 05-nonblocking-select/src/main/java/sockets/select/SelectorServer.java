package sockets.select;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import sockets.common.Endpoints;
import sockets.common.PeerLog;
import sockets.common.Server;
import sockets.common.Servers;
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
    private static final ByteBuffer[] NO_BUFFERS = new ByteBuffer[0];

    private final InetSocketAddress bindAddress;
    private final int backlog;
    private final ServerSocketChannel given;
    private final int loopCount;
    private final Protocol protocol;
    private final int maxPending;
    private final MemoryBudget budget;
    private final PeerLog log;
    private final List<Loop> loops = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong mostPending = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    /** Connections accepted and not yet closed, wherever they are (handed to a loop and not yet registered too). */
    private final AtomicInteger admitted = new AtomicInteger();
    private int maxConnections = defaultMaxConnections();
    private final java.util.concurrent.atomic.AtomicBoolean limited = new java.util.concurrent.atomic.AtomicBoolean();
    private final AtomicLong accepted = new AtomicLong();
    private volatile boolean closing;
    /** Stopping: no accepting, no reading; what is owed is sent until {@link #drainDeadline} (System.nanoTime). */
    private volatile boolean draining;
    private volatile long drainDeadline;
    private final AtomicLong cutConnections = new AtomicLong();
    private final AtomicLong cutBytes = new AtomicLong();
    private ServerSocketChannel listener;
    private SocketAddress bound;

    /** A TCP server on {@code bindAddress}, whose memory budget is {@link MemoryBudget#serverDefault()}. */
    public SelectorServer(InetSocketAddress bindAddress, int backlog, int loops, Protocol protocol, int maxPending,
                          PeerLog log) {
        this(bindAddress, backlog, loops, protocol, maxPending, new MemoryBudget(MemoryBudget.serverDefault()), log);
    }

    /** A TCP server; {@code budget}: shared with the protocol's decoders, so that one limit covers both. */
    public SelectorServer(InetSocketAddress bindAddress, int backlog, int loops, Protocol protocol, int maxPending,
                          MemoryBudget budget, PeerLog log) {
        this(bindAddress, backlog, null, loops, protocol, maxPending, budget, log);
    }

    /**
     * A server on a listening channel already bound, of any family: a Unix domain socket's, say. The loop
     * does not care what the channel is bound to; it only accepts, reads and writes.
     */
    public SelectorServer(ServerSocketChannel bound, int loops, Protocol protocol, int maxPending,
                          MemoryBudget budget, PeerLog log) {
        this(null, 0, bound, loops, protocol, maxPending, budget, log);
    }

    private SelectorServer(InetSocketAddress bindAddress, int backlog, ServerSocketChannel given, int loops,
                           Protocol protocol, int maxPending, MemoryBudget budget, PeerLog log) {
        if (loops < 1 || maxPending < 1) {
            throw new IllegalArgumentException("loops and maxPending must be at least 1");
        }
        this.bindAddress = bindAddress;
        this.backlog = backlog;
        this.given = given;
        this.loopCount = loops;
        this.protocol = protocol;
        this.maxPending = maxPending;
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
        for (int i = 0; i < loopCount; i++) {
            loops.add(new Loop(Selector.open()));
        }
        channel.register(loops.get(0).selector, SelectionKey.OP_ACCEPT);
        bound = channel.getLocalAddress();
        String name = Endpoints.format(bound);
        for (int i = 0; i < loopCount; i++) {
            Loop loop = loops.get(i);
            loop.thread = Thread.ofPlatform().name("select-" + name + "-" + i).start(loop);
        }
        return bound;
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
        this.maxConnections = limit;
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
        long bytes = maxPending + oneRead + CHUNK;
        return bytes + (bytes / CHUNK + 2) * CHUNK_OVERHEAD;
    }

    /**
     * Stops without silent loss. Each loop stops accepting and reading, and keeps writing what its
     * connections are owed until it is all sent or {@code drainMs} have passed. A connection with nothing
     * owed either way (its replies all handed to the kernel, none of its own bytes unread or in a frame begun)
     * ends in order; any other is reset, since an orderly end would tell its client that all was answered.
     */
    @Override
    public sockets.common.Stopped stop(long drainMs) {
        synchronized (this) {
            if (closing || draining || listener == null) {
                return sockets.common.Stopped.NOTHING;
            }
            drainDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMs);
            draining = true;
        }
        closeQuietly(listener); // no new connections; its key is cancelled at the next select
        for (Loop loop : loops) {
            loop.selector.wakeup();
        }
        try {
            for (Loop loop : loops) {
                loop.thread.join(drainMs + 1_000); // a loop ends by itself once its connections are finished
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        return new sockets.common.Stopped(cutConnections.get(), cutBytes.get());
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
            for (Loop loop : loops) {
                loop.selector.wakeup();
            }
            for (Loop loop : loops) {
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

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // closing to stop: nothing more to do with it
        }
    }

    /** One selector and the thread that runs it. */
    private final class Loop implements Runnable {
        final Selector selector;
        final Queue<SocketChannel> handedOver = new ConcurrentLinkedQueue<>();
        final ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER);
        Thread thread;
        /** Connections that stopped reading while the budget was spent, to read again once it is not. */
        final List<Connection> pausedForBudget = new ArrayList<>();
        boolean drainStarted;
        SelectionKey acceptKey;
        long acceptResumesAt;
        long acceptFailures;

        Loop(Selector selector) {
            this.selector = selector;
        }

        @Override
        public void run() {
            try {
                while (!closing) {
                    try {
                        if (turn()) {
                            return; // every connection finished, or cut at the deadline
                        }
                    } catch (RuntimeException | Error e) {
                        // Outside any one connection (a line being built when the heap is full, say): this turn
                        // ends and the loop goes on. A loop that died would leave its clients unserved for good.
                        pauseAfterError();
                    }
                }
            } catch (IOException e) {
                log.server(bound, "selector failed: " + PeerLog.describe(e)); // the selector itself: nothing to retry
            } finally {
                for (SelectionKey key : selector.keys()) {
                    if (key.attachment() instanceof Connection connection) {
                        connection.close();
                    }
                }
                SocketChannel waiting;
                while ((waiting = handedOver.poll()) != null) {
                    closeQuietly(waiting);
                    admitted.decrementAndGet();
                }
                closeQuietly(selector);
            }
        }

        /** Waits a little, allocating nothing, after a turn that failed: the shortage may pass. */
        private void pauseAfterError() {
            try {
                Thread.sleep(BUDGET_RECHECK_MS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                // the next turn tries again
            }
        }

        /** One turn of the loop: wait for readiness, then serve what is ready. True once a drain is over. */
        private boolean turn() throws IOException {
            if (draining) {
                if (drain()) {
                    return true;
                }
            } else if (acceptKey == null && pausedForBudget.isEmpty()) {
                selector.select();
            } else if (acceptKey == null) {
                // memory may be given back by another loop, which cannot wake this one: look again soon
                selector.select(BUDGET_RECHECK_MS);
            } else {
                // accepting is paused after a failure: wake up when it is time to try again
                selector.select(Math.max(1, (acceptResumesAt - System.nanoTime()) / 1_000_000));
                resumeAccepting();
            }
            registerHandedOver();
            if (budget.exhausted()) {
                closeClientsNotReading();
            }
            resumeReading();
            Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
            while (ready.hasNext()) {
                SelectionKey key = ready.next();
                ready.remove();
                if (!key.isValid()) {
                    continue; // closed earlier in this round: touching it would throw CancelledKeyException
                }
                try {
                    if (key.isAcceptable()) {
                        accept(key);
                    } else {
                        ((Connection) key.attachment()).ready(key, buffer);
                    }
                } catch (RuntimeException | Error e) {
                    // escaped a connection's own handling (its line could not be built): it ends, no other
                    if (key.attachment() instanceof Connection connection) {
                        try {
                            connection.close();
                        } catch (RuntimeException | Error again) {
                            closeQuietly(key.channel());
                        }
                    }
                }
            }
            return false;
        }

        private void accept(SelectionKey key) {
            for (int i = 0; i < ACCEPTS_PER_TURN; i++) {
                SocketChannel channel;
                try {
                    channel = listener.accept();
                } catch (IOException | Error e) {
                    pauseAccepting(key, e); // out of file descriptors, say: the others are still served meanwhile
                    return;
                }
                if (channel == null) {
                    return; // nobody else is waiting
                }
                if (admitted.incrementAndGet() >= maxConnections) {
                    pauseAtLimit(key); // this one is served; the next wait in the backlog
                }
                if (acceptFailures > 0) {
                    log.server(bound, "accepting again after " + acceptFailures + " failed attempts");
                    acceptFailures = 0;
                }
                Loop target = loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
                if (target == this) {
                    register(channel);
                } else {
                    target.handedOver.add(channel);
                    target.selector.wakeup();
                }
                if (acceptKey != null) {
                    return; // at the limit: no more this turn
                }
            }
        }

        /** At the limit: no {@code OP_ACCEPT} until connections end; said once a burst. */
        private void pauseAtLimit(SelectionKey key) {
            if (limited.compareAndSet(false, true)) {
                log.server(bound, "at --max-connections " + maxConnections + ": new clients wait in the backlog"
                        + " until connections end");
            }
            key.interestOps(0);
            acceptKey = key;
            acceptResumesAt = System.nanoTime() + ACCEPT_RETRY_MS * 1_000_000;
        }

        /**
         * Stops asking for {@code OP_ACCEPT} for a moment. The listener stays readable while the fault lasts,
         * so asking at once would spin this loop; the first failure of a burst is logged, the rest counted.
         */
        private void pauseAccepting(SelectionKey key, Throwable e) {
            if (acceptFailures++ == 0) {
                log.server(bound, "accept failed: " + PeerLog.describe(e) + "; retrying every " + ACCEPT_RETRY_MS
                        + " ms, quietly, until it works");
            }
            key.interestOps(0);
            acceptKey = key;
            acceptResumesAt = System.nanoTime() + ACCEPT_RETRY_MS * 1_000_000;
        }

        private void resumeAccepting() {
            if (limited.get()) {
                // At the limit: looked at again every ACCEPT_RETRY_MS; accepting again once a quarter is free.
                if (admitted.get() > maxConnections - Math.max(1, maxConnections / 4)) {
                    acceptResumesAt = System.nanoTime() + ACCEPT_RETRY_MS * 1_000_000;
                    return;
                }
                limited.set(false);
                log.server(bound, "below --max-connections again: " + admitted.get() + " connections");
                acceptResumesAt = System.nanoTime();
            }
            if (System.nanoTime() - acceptResumesAt >= 0) {
                if (acceptKey.isValid()) {
                    acceptKey.interestOps(SelectionKey.OP_ACCEPT);
                }
                acceptKey = null;
            }
        }

        private void registerHandedOver() {
            SocketChannel channel;
            while ((channel = handedOver.poll()) != null) {
                register(channel);
            }
        }

        /** Takes a new connection into this loop; one that fails here (reset already, say) is simply closed. */
        private void register(SocketChannel channel) {
            SocketAddress peer = null;
            try {
                channel.configureBlocking(false);
                peer = Endpoints.peerName(channel.getRemoteAddress(), bound, accepted.incrementAndGet());
                Connection connection = new Connection(channel, peer, protocol.open(peer), this);
                connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
                open.incrementAndGet();
                if (drainStarted) {
                    connection.stopReading(); // accepted before the stop, handed over after it
                }
            } catch (IOException | RuntimeException | Error e) {
                if (peer != null && !closing) {
                    log.event(peer, "not served: " + PeerLog.describe(e));
                }
                closeQuietly(channel);
                admitted.decrementAndGet();
            }
        }

        /**
         * One turn of stopping: on the first, every connection stops reading (and one owed nothing ends
         * now); then waits for writes until the deadline. Returns true when nothing is left to wait for: every
         * connection has ended, in order or, past the deadline, with a reset.
         */
        private boolean drain() throws IOException {
            registerHandedOver();
            if (!drainStarted) {
                drainStarted = true;
                for (SelectionKey key : List.copyOf(selector.keys())) {
                    if (key.attachment() instanceof Connection c) {
                        c.stopReading();
                    }
                }
            }
            long left = drainDeadline - System.nanoTime();
            boolean anyLeft = selector.keys().stream().anyMatch(k -> k.isValid() && k.attachment() instanceof Connection);
            if (!anyLeft) {
                return true;
            }
            if (left <= 0) {
                for (SelectionKey key : List.copyOf(selector.keys())) {
                    if (key.attachment() instanceof Connection c) {
                        c.finish();
                    }
                }
                return true;
            }
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            return false;
        }

        /** The budget has room again: the connections paused for it read again (those not at their own limit). */
        private void resumeReading() {
            if (pausedForBudget.isEmpty() || budget.exhausted()) {
                return;
            }
            for (Connection c : pausedForBudget) {
                if (c.pausedForBudget) {
                    c.pausedForBudget = false;
                    c.updateInterest();
                }
            }
            pausedForBudget.clear();
        }

        /**
         * The budget is spent: close this loop's clients that stopped reading (those at their backpressure
         * limit), the largest queue first, until it is not. Clients still reading keep their connections.
         */
        private void closeClientsNotReading() {
            List<Connection> stalled = new ArrayList<>();
            for (SelectionKey key : selector.keys()) {
                if (key.attachment() instanceof Connection c && c.pendingCost >= maxPending) {
                    stalled.add(c);
                }
            }
            stalled.sort(Comparator.comparingLong((Connection c) -> c.pendingCost).reversed());
            for (Connection c : stalled) {
                if (!budget.exhausted()) {
                    return;
                }
                log.event(c.peer, "closed: not reading, " + c.pendingCost + " bytes of replies unsent while the"
                        + " server's memory budget (" + budget.limit() + " bytes) is spent");
                c.close();
            }
        }
    }

    /** One client: its channel, its protocol session, and the output it is owed. */
    private final class Connection implements Protocol.Outbox {
        final SocketChannel channel;
        final SocketAddress peer;
        final Protocol.Session session;
        /** Chunks of output in read mode: position to limit is what is still to be sent. */
        final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
        final Loop loop;
        SelectionKey key;
        long pendingCost;
        boolean inputEnded;
        boolean closed;
        /** Not reading until the server's budget has room: each read could add a whole buffer. */
        boolean pausedForBudget;

        Connection(SocketChannel channel, SocketAddress peer, Protocol.Session session, Loop loop) {
            this.channel = channel;
            this.peer = peer;
            this.session = session;
            this.loop = loop;
        }

        /** Queues a copy of {@code data}: into the last chunk's free space first, then into a new chunk. */
        @Override
        public void write(ByteBuffer data) {
            ByteBuffer tail = pending.peekLast();
            if (tail != null && tail.limit() < tail.capacity() && data.hasRemaining()) {
                int n = Math.min(tail.capacity() - tail.limit(), data.remaining());
                int end = tail.limit();
                tail.limit(end + n);
                tail.put(end, data, data.position(), n);
                data.position(data.position() + n);
            }
            if (data.hasRemaining()) {
                // Into an empty queue, exactly what is needed: the usual reply leaves with the next flush. Once
                // output accumulates (a client slower than its replies), whole chunks, so small ones pack together.
                int size = pending.isEmpty() ? data.remaining() : Math.max(CHUNK, data.remaining());
                ByteBuffer chunk = ByteBuffer.allocate(size);
                chunk.put(data).flip();
                pending.add(chunk);
                long cost = chunk.capacity() + CHUNK_OVERHEAD;
                pendingCost += cost;
                budget.reserve(cost); // committed: a reply is never dropped, so reading stops instead
                mostPending.accumulateAndGet(pendingCost, Math::max);
            }
        }

        /**
         * Serves one readiness. While the budget is spent, the budget is checked before every read, not once a
         * round (in one round a thousand ready clients could each add a buffer's worth past the limit):
         * a client still owed replies does not read until the budget has room or its queue is sent (paused,
         * nothing lost); a client owed nothing reads (so that frames half arrived can be refused and their
         * memory freed), but if the reply to that read does not fit in its socket's buffer either, it has left
         * everything sent before unread: it is closed at once, and the overshoot of the budget is one read.
         */
        void ready(SelectionKey key, ByteBuffer buffer) {
            try {
                boolean spent = budget.exhausted();
                boolean readWhileSpent = false;
                if (key.isReadable() && !draining) {
                    if (spent && pendingCost > 0) {
                        if (!pausedForBudget) {
                            pausedForBudget = true;
                            loop.pausedForBudget.add(this);
                        }
                    } else {
                        read(buffer);
                        readWhileSpent = spent;
                    }
                }
                flush();
                if (readWhileSpent && !closed && pendingCost > 0) {
                    log.event(peer, "closed: not reading, its socket's buffer full and " + pendingCost
                            + " bytes of replies unsent while the server's memory budget (" + budget.limit()
                            + " bytes) is spent");
                    close();
                }
            } catch (IOException e) {
                try {
                    if (!closing) {
                        log.fault(peer, e);
                    }
                } catch (RuntimeException | Error noLine) {
                    // no memory for the line: the connection still ends, alone
                }
                close();
            } catch (RuntimeException | Error e) {
                // A bug or a shortage (OutOfMemoryError) while serving this client: it ends, the loop goes on.
                try {
                    log.event(peer, "handler failed: " + e);
                } catch (RuntimeException | Error noLine) {
                    // as above
                }
                close();
            }
        }

        private void read(ByteBuffer buffer) throws IOException {
            buffer.clear();
            int n = channel.read(buffer); // never blocks: 0 means nothing has come yet
            if (n == -1) {
                inputEnded = true;
                session.onEndOfStream(this);
            } else if (n > 0) {
                session.onData(buffer.flip(), this);
            }
        }

        /**
         * Writes what the socket takes now; keeps the rest, with write interest, for when it can take more.
         * All queued chunks go in one gathering write: written one by one, a reply's header and payload would
         * leave as two segments, and Nagle's algorithm would hold the second until the first is acknowledged.
         */
        private void flush() throws IOException {
            if (!pending.isEmpty()) {
                if (pending.size() == 1) {
                    channel.write(pending.peek()); // the usual case: may write less than asked, or nothing
                } else {
                    channel.write(pending.toArray(NO_BUFFERS));
                }
                while (!pending.isEmpty() && !pending.peek().hasRemaining()) {
                    release(pending.poll()); // what is left, if anything, waits for OP_WRITE
                }
            }
            if (pending.isEmpty() && inputEnded) {
                channel.shutdownOutput(); // the client half-closed and has everything: say we are done too
                close();
                return;
            }
            if (pending.isEmpty() && draining) {
                finish(); // stopping, and all it was owed is sent
                return;
            }
            updateInterest();
        }

        /** Stopping: no more reading; one owed nothing ends now, the others as their queues empty. */
        void stopReading() {
            if (closed) {
                return;
            }
            if (pending.isEmpty()) {
                finish();
            } else {
                updateInterest();
            }
        }

        /**
         * Ends this connection while stopping: in order if nothing is owed either way, else with a reset,
         * counted with what was owed: replies unsent, the client's bytes unread or in a frame begun.
         */
        void finish() {
            if (closed) {
                return;
            }
            long owed = session.holding() + unreadBytes();
            for (ByteBuffer chunk : pending) {
                owed += chunk.remaining();
            }
            if (owed > 0) {
                cutConnections.incrementAndGet();
                cutBytes.addAndGet(owed);
            }
            try {
                if (owed == 0) {
                    channel.shutdownOutput(); // everything it sent was answered: an orderly end is the truth
                } else if (channel.supportedOptions().contains(java.net.StandardSocketOptions.SO_LINGER)) {
                    channel.setOption(java.net.StandardSocketOptions.SO_LINGER, 0); // close() now resets
                }
                // A Unix domain socket has no SO_LINGER: closing it with bytes unread resets its peer's reads
                // (ECONNRESET on Linux); replies unsent alone end as end of stream there, counted all the same.
            } catch (IOException e) {
                // broken already: closing is what is left
            }
            close();
        }

        /** What the client sent that the kernel took and nobody read: read now, counted, discarded (bounded). */
        private long unreadBytes() {
            if (inputEnded) {
                return 0;
            }
            ByteBuffer scratch = loop.buffer;
            long unread = 0;
            try {
                for (int i = 0; i < 1_024; i++) {
                    scratch.clear();
                    int n = channel.read(scratch);
                    if (n <= 0) {
                        break;
                    }
                    unread += n;
                }
            } catch (IOException e) {
                // broken: what was counted is what we know
            }
            return unread;
        }

        /** What to wait for: input unless it ended, is held back, or the budget is spent; output while some waits. */
        void updateInterest() {
            if (closed || !key.isValid()) {
                return;
            }
            if (pending.isEmpty()) {
                pausedForBudget = false; // it owes nothing now: it may read (the loop's list forgets it later)
            }
            int ops = 0;
            if (!inputEnded && pendingCost < maxPending && !pausedForBudget && !draining) {
                ops |= SelectionKey.OP_READ; // backpressure: stop reading a client that does not read
            }
            if (!pending.isEmpty()) {
                ops |= SelectionKey.OP_WRITE; // only while something waits: a free socket is always writable
            }
            key.interestOps(ops);
        }

        private void release(ByteBuffer chunk) {
            long cost = chunk.capacity() + CHUNK_OVERHEAD;
            pendingCost -= cost;
            budget.release(cost);
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                channel.close(); // also cancels the key
            } catch (IOException e) {
                // already broken; closing is all that was asked
            }
            for (ByteBuffer chunk : pending) {
                release(chunk);
            }
            pending.clear();
            session.onClose();
            if (key != null) {
                key.attach(null);
                open.decrementAndGet();
                admitted.decrementAndGet();
            }
        }
    }
}
