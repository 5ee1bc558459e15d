package sockets.blocking;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import sockets.common.PeerLog;
import sockets.common.Server;
import sockets.common.Servers;

/**
 * The HOWTO's threaded server: bind a listening socket, then loop: accept a client, start a thread
 * (platform or virtual) that serves it with a {@link ConnectionHandler} and closes it, go back to
 * accepting. The listening socket never carries data; every {@code accept} returns a new socket for
 * one client.
 *
 * <p>What a real server adds to the HOWTO's loop: a failed accept (out of file descriptors, say) is
 * the server's trouble, not a client's, so it is logged once per burst and retried after a pause
 * without closing anyone; an {@code Error} while serving one client ends that client only; and
 * {@link #close()} stops accepting, closes every client's socket and waits for their threads.
 *
 * <p>Each connection costs heap beyond any budget its handler keeps (its thread's stack, when virtual, its
 * buffers: about 12 KiB for an echo or a frame handler, 64 KiB for chapter 04's digest), so the number served
 * at once is limited. At the limit the server stops calling {@code accept}: new clients wait in the kernel's
 * backlog, as it is meant for, and are accepted as connections end. Both moments are logged once. And since
 * a shortage may still come (a heap far smaller than the limit assumes), nothing the accept loop does can
 * end it: an {@code Error} there turns one client away at most.
 *
 * <p>{@link #stop(long)}, on SIGTERM: no new connections, and the open ones may end by themselves for the
 * drain period (a client that has sent its last request gets its answer and an orderly end). Then, since a
 * handler's thread holds whatever it has read and not yet answered, and nothing outside it can tell a client
 * idle between requests from one halfway through, every connection still open is reset (a reset says
 * "lost"; an orderly end would say all was answered) and counted, with the bytes it had sent that were
 * never read. The selector servers of chapter 05, which hold every connection's output in a queue of their
 * own, can do better: stop reading, and send what they owe.
 */
public final class ThreadPerConnectionServer implements Server {
    private static final long RETRY_MS = 50;
    private static final long STOP_WAIT_MS = 5_000;
    /** The heap one connection may cost, at most, in these chapters' handlers (chapter 04's digest buffer). */
    public static final long CONNECTION_COST = 64 * 1024;
    /**
     * What one connection of an echo, frame or time handler costs, at most, in heap: its 8 KiB buffer and its
     * thread (an echo connection held 6,391 bytes on virtual threads and 13,628 on platform threads,
     * {@code TenThousandConnectionsTest}, docs/bench/printed-figures.md).
     */
    public static final long SMALL_CONNECTION_COST = 16 * 1024;
    /** The default limit on connections at once when the heap is large enough for it. */
    public static final int MAX_CONNECTIONS = 1_024;

    private final InetSocketAddress bindAddress;
    private final int backlog;
    private final Threads threads;
    private final ConnectionHandler handler;
    private final PeerLog log;
    private final int maxConnections;
    private final java.util.concurrent.Semaphore slots;
    /** Whether the server is at its limit, said, and not yet well below it again. */
    private final java.util.concurrent.atomic.AtomicBoolean limited = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile InetSocketAddress bound;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    /** Set once the server closes its clients' sockets itself: the faults that follow are its own doing. */
    private volatile boolean tearingDown;
    private ServerSocket listener;
    private ExecutorService workers;
    private Thread acceptor;

    /** A server limited to {@link #defaultMaxConnections()} connections at once. */
    public ThreadPerConnectionServer(InetSocketAddress bindAddress, int backlog, Threads threads,
                                     ConnectionHandler handler, PeerLog log) {
        this(bindAddress, backlog, threads, handler, defaultMaxConnections(), log);
    }

    /** A server that serves at most {@code maxConnections} connections at once. */
    public ThreadPerConnectionServer(InetSocketAddress bindAddress, int backlog, Threads threads,
                                     ConnectionHandler handler, int maxConnections, PeerLog log) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + maxConnections);
        }
        this.bindAddress = bindAddress;
        this.backlog = backlog;
        this.threads = threads;
        this.handler = handler;
        this.maxConnections = maxConnections;
        this.slots = new java.util.concurrent.Semaphore(maxConnections);
        this.log = log;
    }

    /**
     * {@value #MAX_CONNECTIONS}, or fewer under a small heap: one connection per {@value #CONNECTION_COST} bytes
     * of a quarter of the heap (247 under {@code -Xmx64m}), and never fewer than 16.
     */
    public static int defaultMaxConnections() {
        long quarter = Runtime.getRuntime().maxMemory() / 4;
        return (int) Math.max(16, Math.min(MAX_CONNECTIONS, quarter / CONNECTION_COST));
    }

    /**
     * The most connections this heap holds when each costs {@code cost} bytes: one per {@code cost} of half of
     * it (the rest is the JVM's, a frame server's budget's and the garbage collector's room), and never fewer
     * than 16. More would let peers fill the heap, and a JVM out of heap cannot even run its SIGTERM handler.
     */
    public static int heapAllows(long cost) {
        long half = Runtime.getRuntime().maxMemory() / 2;
        return (int) Math.max(16, Math.min(Integer.MAX_VALUE, half / cost));
    }

    @Override
    public synchronized InetSocketAddress start() throws IOException {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(bindAddress, backlog); // the backlog: connections the kernel completes before we accept
        } catch (IOException e) {
            socket.close();
            throw Servers.bindFailure(bindAddress, e);
        }
        listener = socket;
        InetSocketAddress bound = (InetSocketAddress) socket.getLocalSocketAddress();
        this.bound = bound;
        workers = Executors.newThreadPerTaskExecutor(threads.factory("conn-" + bound.getPort() + "-"));
        acceptor = Thread.ofPlatform().name("accept-" + bound.getPort()).start(() -> acceptLoop(bound));
        return bound;
    }

    /**
     * Accepts until {@link #close()}. Whatever one turn throws (even the {@code OutOfMemoryError} of a log line
     * being built, or of the wait for a slot) ends that turn only: a dead acceptor would be a server that
     * listens and never serves again.
     */
    private void acceptLoop(InetSocketAddress bound) {
        long[] failures = {0};
        while (!closing) {
            try {
                acceptOne(bound, failures);
            } catch (RuntimeException | Error e) {
                pause(); // nothing allocated: the shortage may still be there
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt(); // close() interrupts: the loop's condition decides
        } catch (RuntimeException | Error e) {
            // even the pause failed: the next turn tries again
        }
    }

    private void acceptOne(InetSocketAddress bound, long[] failures) {
        if (!takeSlot()) {
            return; // closing, or interrupted: the loop's condition decides
        }
        Socket client = null;
        boolean handedOver = false;
        try {
            client = listener.accept();
            clients.add(client);
            Socket accepted = client;
            workers.execute(() -> serve(accepted));
            handedOver = true; // its thread owns it now, and gives its slot back
            if (failures[0] > 0) {
                long failed = failures[0];
                failures[0] = 0;
                safeLog("accepting again after " + failed + " failed attempts");
            }
        } catch (RejectedExecutionException e) {
            // close() began since this accept: the finally below turns the client away
        } catch (IOException | RuntimeException | Error e) {
            // Out of descriptors, or of memory (no thread, no set entry, no log line): this client only
            // is turned away, and the loop tries again after a pause.
            if (!closing) {
                failures[0] = failed(bound, failures[0], e);
            }
        } finally {
            if (!handedOver) {
                try {
                    if (client != null) {
                        close(client);
                    }
                } finally {
                    slots.release(); // even if the close failed for want of memory: the slot is not lost
                }
            }
        }
    }

    /**
     * Takes a slot for one more connection; at the limit, says so once and waits (in the backlog the kernel
     * keeps, new clients wait too) until a connection ends. False when the wait ended without a slot.
     */
    private boolean takeSlot() {
        if (slots.tryAcquire()) {
            return true;
        }
        if (limited.compareAndSet(false, true)) { // said once a burst: again only after a quarter were free
            try {
                safeLog("at --max-connections " + maxConnections + ": new clients wait in the backlog until"
                        + " connections end");
            } catch (RuntimeException | Error noLine) {
                // building the line failed (no memory): the wait below does not need it
            }
        }
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            return false; // close(): the loop ends
        }
        return true;
    }

    /** A connection ended: its slot is free; a burst at the limit is over once a quarter of them are. */
    private void giveBackSlot() {
        slots.release();
        if (!closing && slots.availablePermits() >= Math.max(1, maxConnections / 4) && limited.compareAndSet(true, false)) {
            try {
                safeLog("below --max-connections again: " + (maxConnections - slots.availablePermits())
                        + " connections");
            } catch (RuntimeException | Error noLine) {
                // building the line failed (no memory): the slot is back all the same
            }
        }
    }

    /** A line of the server's own, unless even that cannot be made (no memory): it is not worth the loop. */
    private void safeLog(String what) {
        try {
            log.server(bound, what);
        } catch (RuntimeException | Error e) {
            // the line is lost; the server goes on
        }
    }

    /** One more failure in a burst: the first is logged, each one waits before the next try. */
    private long failed(InetSocketAddress bound, long failures, Throwable e) {
        if (failures == 0) {
            try {
                safeLog("accept failed: " + PeerLog.describe(e) + "; retrying every " + RETRY_MS
                        + " ms, quietly, until it works");
            } catch (RuntimeException | Error noLine) {
                // building the line failed (no memory): the retry does not need it
            }
        }
        pause();
        return failures + 1;
    }

    /** One client, on its own thread: handle, then close, whatever happened. */
    private void serve(Socket client) {
        try {
            handler.handle(client);
        } catch (IOException e) {
            if (!tearingDown) { // during a drain a peer's fault is still the peer's, and said
                try {
                    log.fault(client.getRemoteSocketAddress(), e); // before the close: the peer sees the line first
                } catch (RuntimeException | Error noLine) {
                    // no memory even for the line: the connection still ends, alone
                }
            }
        } catch (RuntimeException | Error e) {
            // A bug or a shortage (OutOfMemoryError, StackOverflowError) in this connection: it ends, no other.
            try {
                log.event(client.getRemoteSocketAddress(), "handler failed: " + e);
            } catch (RuntimeException | Error noLine) {
                // as above
            }
        } finally {
            try {
                close(client);
            } finally {
                giveBackSlot(); // even if the close failed for want of memory
            }
        }
    }

    private void close(Socket client) {
        try {
            client.close();
        } catch (IOException e) {
            // already broken: closing it is all that was asked
        }
        clients.remove(client);
        synchronized (clients) {
            clients.notifyAll(); // a stop may be waiting for the last connection to end
        }
    }

    /** Waits until no connection is open or {@code ms} have passed; no allocation (a stop may be short of heap). */
    private void awaitNoClients(long ms) {
        long deadline = System.nanoTime() + ms * 1_000_000;
        synchronized (clients) {
            for (long left = ms; !clients.isEmpty() && left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
                try {
                    clients.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Connections being served right now. */
    public int connectionCount() {
        return clients.size();
    }

    /**
     * Stops accepting, lets open connections end by themselves for up to {@code drainMs}, then resets every
     * one still open, counting it and its unread bytes; then {@link #close()}.
     */
    @Override
    public sockets.common.Stopped stop(long drainMs) {
        synchronized (this) {
            if (closing || listener == null) {
                closing = true;
                return sockets.common.Stopped.NOTHING;
            }
            closing = true;
        }
        try {
            listener.close(); // no new connections
        } catch (IOException e) {
            // stopping either way
        }
        acceptor.interrupt(); // in case it waits for a slot
        try {
            acceptor.join(STOP_WAIT_MS); // a connection it had just accepted is in the set before the count
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitNoClients(drainMs);
        tearingDown = true;
        long cut = 0;
        long unread = 0;
        for (Socket client : clients) {
            if (client.isClosed()) {
                continue; // its handler ended it in order a moment ago: not cut
            }
            try {
                unread += client.getInputStream().available(); // what it sent that the kernel took and we did not read
            } catch (IOException e) {
                // closed already: nothing to count
            }
            try {
                client.setSoLinger(true, 0); // close() now sends a reset, not a FIN
            } catch (IOException e) {
                // closed already
            }
            close(client);
            cut++;
        }
        shutDown();
        return new sockets.common.Stopped(cut, unread);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closing || listener == null) {
                closing = true;
                return;
            }
            closing = true;
        }
        tearingDown = true;
        try {
            listener.close(); // ends the blocked accept()
        } catch (IOException e) {
            // stopping either way
        }
        acceptor.interrupt(); // or the wait for a slot
        clients.forEach(this::close); // ends every blocked read
        shutDown();
    }

    /** Ends the handlers' threads: their sockets are closed already. */
    private void shutDown() {
        workers.shutdownNow(); // interrupts handlers waiting on anything but a socket
        try {
            acceptor.join(STOP_WAIT_MS);
            workers.awaitTermination(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
