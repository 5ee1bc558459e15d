package sockets.blocking;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The HOWTO's server main loop: accept, hand the new connection to a thread, go back to accepting.
 * The listening socket never carries data; every {@code accept} returns a new connection for one client.
 * Subclasses say what listens and what a connection is: a TCP {@code ServerSocket} here
 * ({@link ThreadPerConnectionServer}), a Unix domain socket channel in chapter 07.
 *
 * @param <C> one accepted connection
 */
public abstract class AcceptLoopServer<C extends Closeable> extends LifecycleServer {
    private static final long STOP_WAIT_MS = 5_000;
    private static final long ACCEPT_RETRY_MS = 50;

    private final Threads threads;
    private final PeerLog log;
    private final Set<C> connections = ConcurrentHashMap.newKeySet();
    private SocketAddress local;
    private ExecutorService workers;
    private Thread acceptor;

    protected AcceptLoopServer(Threads threads, PeerLog log) {
        this.threads = threads;
        this.log = log;
    }

    /** Binds the listener and returns the address really bound; throws a one-line failure if it cannot. */
    protected abstract SocketAddress bind() throws IOException;

    /** Waits for the next client; throws once the listener is closed. */
    protected abstract C accept() throws IOException;

    /** Closes the listener, which ends a blocked {@link #accept()}. */
    protected abstract void closeListener();

    /** The client at the other end, for log lines. */
    protected abstract SocketAddress peer(C connection);

    /** Serves one connection; the loop closes it afterwards. */
    protected abstract void serve(C connection) throws IOException;

    @Override
    public synchronized SocketAddress start() throws IOException {
        if (local != null) {
            throw new IllegalStateException("already started");
        }
        local = bind();
        String name = Endpoints.format(local);
        workers = Executors.newThreadPerTaskExecutor(threads.factory("conn-" + name + "-"));
        acceptor = Thread.ofPlatform().name("accept-" + name).start(this::acceptLoop);
        return local;
    }

    /**
     * Accepts until closed. A failed accept (out of file descriptors, out of memory for a thread) is the
     * server's trouble, not a peer's: it is logged once per burst, retried every {@value #ACCEPT_RETRY_MS} ms
     * without closing anyone, and the loop says when it accepts again.
     */
    private void acceptLoop() {
        long failures = 0;
        while (!closing()) {
            C client;
            try {
                client = accept();
            } catch (IOException | Error e) {
                if (!closing()) {
                    failures = failed(failures, e);
                }
                continue;
            }
            connections.add(client);
            if (closing()) {
                closeQuietly(client);
                continue;
            }
            try {
                workers.execute(() -> serveAndClose(client));
            } catch (RejectedExecutionException e) {
                closeQuietly(client); // close() began between the check above and here
                continue;
            } catch (Error e) {
                closeQuietly(client); // no thread could be made for it: this client only is turned away
                connections.remove(client);
                failures = failed(failures, e);
                continue;
            }
            if (failures > 0) {
                log.server(local, "accepting again after " + failures + " failed attempts");
                failures = 0;
            }
        }
    }

    /** One more failure in a burst: the first is logged, every one waits before the next try. */
    private long failed(long failures, Throwable e) {
        if (failures == 0) {
            log.server(local, "accept failed: " + PeerLog.describe(e) + "; retrying every " + ACCEPT_RETRY_MS
                    + " ms, quietly, until it works");
        }
        pause();
        return failures + 1;
    }

    private static void pause() {
        try {
            Thread.sleep(ACCEPT_RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serveAndClose(C client) {
        SocketAddress peer = peer(client);
        try {
            serve(client);
        } catch (IOException e) {
            if (!closing()) {
                log.fault(peer, e); // before the close below: the peer sees the close after the line is written
            }
        } catch (RuntimeException | Error e) {
            // A bug or a shortage (OutOfMemoryError, StackOverflowError) in this connection: it ends, no other.
            log.event(peer, "handler failed: " + e);
        } finally {
            closeQuietly(client);
            connections.remove(client);
        }
    }

    @Override
    protected void stop() {
        if (local != null) {
            closeListener();
            connections.forEach(AcceptLoopServer::closeQuietly);
            workers.shutdownNow(); // interrupts handlers waiting on anything but a socket
            awaitQuietly();
        }
    }

    private void awaitQuietly() {
        try {
            acceptor.join(STOP_WAIT_MS);
            workers.awaitTermination(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Number of connections being served right now. */
    public int connectionCount() {
        return connections.size();
    }

    protected static void closeQuietly(Closeable resource) {
        try {
            resource.close();
        } catch (IOException e) {
            // Closing to stop: a failure to close a socket that is already broken changes nothing.
        }
    }
}
