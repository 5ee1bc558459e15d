package sockets.select;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import sockets.blocking.PeerLog;
import sockets.blocking.LifecycleServer;
import sockets.blocking.Servers;

/**
 * The HOWTO's third server design: non-blocking sockets multiplexed by {@code select}, which in Java is a
 * {@link Selector}. With one loop, one thread accepts, reads and writes for every connection. With N loops,
 * the first also accepts and deals the new connections out to all N, one thread each (one per core).
 *
 * <p>Per connection: a queue of output not yet written; {@code OP_WRITE} interest only while that queue is
 * not empty (a socket is writable nearly always, so permanent write interest would spin the loop); and
 * backpressure: once a connection has {@code maxPending} bytes queued, the server stops reading from it
 * until they drain, so a client that sends but never reads cannot make the server's memory grow. When a
 * client half-closes, the server finishes writing what it owes, then closes. A client that resets or
 * vanishes ends its own connection only.
 */
public final class SelectorServer extends LifecycleServer {
    public static final int DEFAULT_MAX_PENDING = 256 * 1024;
    static final int READ_BUFFER = 64 * 1024;

    private final SocketAddress bindAddress;
    private final int backlog;
    private final int loopCount;
    private final Protocol protocol;
    private final int maxPending;
    private final PeerLog log;
    private final List<Loop> loops = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong mostPending = new AtomicLong();
    private final AtomicInteger open = new AtomicInteger();
    private ServerSocketChannel listener;

    public SelectorServer(SocketAddress bindAddress, int backlog, int loops, Protocol protocol, int maxPending,
                          PeerLog log) {
        if (loops < 1 || maxPending < 1) {
            throw new IllegalArgumentException("loops and maxPending must be at least 1");
        }
        this.bindAddress = bindAddress;
        this.backlog = backlog;
        this.loopCount = loops;
        this.protocol = protocol;
        this.maxPending = maxPending;
        this.log = log;
    }

    @Override
    public synchronized SocketAddress start() throws IOException {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        // The same loop for TCP and for Unix domain sockets (chapter 07): only the family differs.
        ServerSocketChannel channel = bindAddress instanceof UnixDomainSocketAddress
                ? ServerSocketChannel.open(StandardProtocolFamily.UNIX) : ServerSocketChannel.open();
        try {
            channel.bind(bindAddress, backlog);
        } catch (IOException e) {
            channel.close();
            throw Servers.bindFailure(bindAddress, e);
        }
        channel.configureBlocking(false); // a selector refuses a blocking channel (IllegalBlockingModeException)
        listener = channel;
        for (int i = 0; i < loopCount; i++) {
            loops.add(new Loop(Selector.open()));
        }
        channel.register(loops.get(0).selector, SelectionKey.OP_ACCEPT);
        SocketAddress bound = channel.getLocalAddress();
        String name = bound instanceof InetSocketAddress inet ? String.valueOf(inet.getPort()) : "unix";
        for (int i = 0; i < loopCount; i++) {
            Loop loop = loops.get(i);
            loop.thread = Thread.ofPlatform().name("select-" + name + "-" + i).start(loop);
        }
        return bound;
    }

    /** The most output bytes any one connection has had queued at once: what backpressure bounds. */
    public long mostPendingBytes() {
        return mostPending.get();
    }

    /** Connections open right now. */
    public int connectionCount() {
        return open.get();
    }

    /** The bound on {@link #mostPendingBytes()}: the limit plus what one read can add before reading stops. */
    public long pendingBound() {
        return (long) maxPending + READ_BUFFER;
    }

    @Override
    protected void stop() {
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

        Loop(Selector selector) {
            this.selector = selector;
        }

        @Override
        public void run() {
            try {
                while (!closing()) {
                    selector.select();
                    registerHandedOver();
                    Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                    while (ready.hasNext()) {
                        SelectionKey key = ready.next();
                        ready.remove();
                        if (!key.isValid()) {
                            continue; // closed earlier in this round: touching it would throw CancelledKeyException
                        }
                        if (key.isAcceptable()) {
                            accept();
                        } else {
                            ((Connection) key.attachment()).ready(key, buffer);
                        }
                    }
                }
            } catch (IOException e) {
                log.event(bindAddress, "selector failed: " + e.getMessage());
            } finally {
                for (SelectionKey key : selector.keys()) {
                    if (key.attachment() instanceof Connection connection) {
                        connection.close();
                    }
                }
                SocketChannel waiting;
                while ((waiting = handedOver.poll()) != null) {
                    closeQuietly(waiting);
                }
                closeQuietly(selector);
            }
        }

        private void accept() throws IOException {
            SocketChannel channel;
            while ((channel = listener.accept()) != null) { // null: nobody else is waiting
                channel.configureBlocking(false);
                Loop target = loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
                if (target == this) {
                    register(channel);
                } else {
                    target.handedOver.add(channel);
                    target.selector.wakeup();
                }
            }
        }

        private void registerHandedOver() throws IOException {
            SocketChannel channel;
            while ((channel = handedOver.poll()) != null) {
                register(channel);
            }
        }

        private void register(SocketChannel channel) throws IOException {
            SocketAddress peer = channel.getRemoteAddress();
            Connection connection = new Connection(channel, peer, protocol.open(peer));
            connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
            open.incrementAndGet();
        }
    }

    /** One client: its channel, its protocol session, and the output it is owed. */
    private final class Connection implements Protocol.Outbox {
        final SocketChannel channel;
        final SocketAddress peer;
        final Protocol.Session session;
        final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>();
        SelectionKey key;
        long pendingBytes;
        boolean inputEnded;

        Connection(SocketChannel channel, SocketAddress peer, Protocol.Session session) {
            this.channel = channel;
            this.peer = peer;
            this.session = session;
        }

        @Override
        public void write(ByteBuffer data) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data).flip();
            pending.add(copy);
            pendingBytes += copy.remaining();
            mostPending.accumulateAndGet(pendingBytes, Math::max);
        }

        void ready(SelectionKey key, ByteBuffer buffer) {
            try {
                if (key.isReadable()) {
                    read(buffer);
                }
                flush();
            } catch (IOException e) {
                if (!closing()) {
                    log.fault(peer, e);
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

        /** Writes what the socket takes now; keeps the rest, with write interest, for when it can take more. */
        private void flush() throws IOException {
            while (!pending.isEmpty()) {
                ByteBuffer head = pending.peek();
                pendingBytes -= channel.write(head); // may write less than asked, or nothing
                if (head.hasRemaining()) {
                    break;
                }
                pending.poll();
            }
            if (pending.isEmpty() && inputEnded) {
                channel.shutdownOutput(); // the client half-closed and has everything: say we are done too
                close();
                return;
            }
            int ops = 0;
            if (!inputEnded && pendingBytes < maxPending) {
                ops |= SelectionKey.OP_READ; // backpressure: stop reading a client that does not read
            }
            if (!pending.isEmpty()) {
                ops |= SelectionKey.OP_WRITE; // only while something waits: a free socket is always writable
            }
            key.interestOps(ops);
        }

        void close() {
            try {
                channel.close(); // also cancels the key
            } catch (IOException e) {
                // already broken; closing is all that was asked
            }
            if (key != null && key.attachment() == this) {
                key.attach(null);
                open.decrementAndGet();
            }
        }
    }
}
