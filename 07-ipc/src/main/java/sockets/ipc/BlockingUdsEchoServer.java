package sockets.ipc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import sockets.blocking.Threads;
import sockets.common.Endpoints;
import sockets.common.PeerLog;

/**
 * Chapter 01's design, a thread per connection, on a Unix domain socket. Java's {@code Socket} and
 * {@code ServerSocket} are TCP only; a Unix domain socket has only channels. So the loop accepts from a
 * {@code ServerSocketChannel}, leaves each client's channel in blocking mode, and reads and writes it
 * through the streams {@link Channels} makes: the same echo as chapter 01's, written out here again
 * (read what arrived, write it back, half-close at end of stream). The channel comes bound: the socket
 * file's rules are {@link UdsServer}'s. Like chapter 01's server it serves at most {@code maxConnections}
 * at once: at the limit it stops accepting (new clients wait in the backlog) and says so once a burst.
 */
final class BlockingUdsEchoServer implements AutoCloseable {
    private static final long RETRY_MS = 50;
    private static final long STOP_WAIT_MS = 5_000;

    private final ServerSocketChannel listener;
    private final Threads threads;
    private final PeerLog log;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private volatile boolean closing;
    /** Set once the server closes its clients itself: the faults that follow are its own doing. */
    private volatile boolean tearingDown;
    private final int maxConnections;
    private final java.util.concurrent.Semaphore slots;
    private final java.util.concurrent.atomic.AtomicBoolean limited = new java.util.concurrent.atomic.AtomicBoolean();
    private SocketAddress local;
    private ExecutorService workers;
    private Thread acceptor;

    BlockingUdsEchoServer(ServerSocketChannel bound, Threads threads, int maxConnections, PeerLog log) {
        this.listener = bound;
        this.threads = threads;
        this.log = log;
        this.maxConnections = maxConnections;
        this.slots = new java.util.concurrent.Semaphore(maxConnections);
    }

    void start() throws IOException {
        local = listener.getLocalAddress();
        workers = Executors.newThreadPerTaskExecutor(threads.factory("uds-conn-"));
        acceptor = Thread.ofPlatform().name("uds-accept").start(() -> acceptLoop(local));
    }

    /**
     * Accepts until {@link #stop(long)}. Whatever one turn throws (an {@code OutOfMemoryError} while a line, a
     * set entry or a thread is being made) ends that turn only: a dead acceptor never serves again.
     */
    private void acceptLoop(SocketAddress local) {
        long[] failures = {0};
        while (!closing) {
            try {
                if (!acceptOne(local, failures)) {
                    return; // close()
                }
            } catch (RuntimeException | Error e) {
                pause(); // nothing allocated: the shortage may still be there
            }
        }
    }

    /** One turn: a slot, a client, its thread. False when the wait for a slot was interrupted (close()). */
    private boolean acceptOne(SocketAddress local, long[] failures) {
        if (!slots.tryAcquire()) {
            if (limited.compareAndSet(false, true)) {
                try {
                    log.server(local, "at --max-connections " + maxConnections + ": new clients wait in the backlog"
                            + " until connections end");
                } catch (RuntimeException | Error noLine) {
                    // no memory for the line: the wait below does not need it
                }
            }
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return false;
            }
        }
        SocketChannel client = null;
        boolean handedOver = false;
        try {
            try {
                client = listener.accept(); // blocking: the listener was never made non-blocking
            } catch (IOException | Error e) {
                if (!closing && failures[0]++ == 0) {
                    log.server(local, "accept failed: " + PeerLog.describe(e) + "; retrying every " + RETRY_MS
                            + " ms, quietly, until it works");
                }
                pause();
                return true;
            }
            if (failures[0] > 0) {
                long failed = failures[0];
                failures[0] = 0;
                log.server(local, "accepting again after " + failed + " failed attempts");
            }
            clients.add(client);
            SocketAddress peer = Endpoints.peerName(remote(client), local, accepted.incrementAndGet());
            SocketChannel served = client;
            workers.execute(() -> serve(served, peer));
            handedOver = true; // its thread owns it now, and gives its slot back
        } catch (RejectedExecutionException e) {
            // stopping: this client is turned away below
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
        return true;
    }

    private void serve(SocketChannel client, SocketAddress peer) {
        try {
            InputStream in = Channels.newInputStream(client);
            OutputStream out = Channels.newOutputStream(client);
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
            client.shutdownOutput(); // everything echoed: the client reads end of stream
        } catch (IOException e) {
            if (!tearingDown) { // during a drain a peer's fault is still the peer's, and said
                log.fault(peer, e);
            }
        } catch (RuntimeException | Error e) {
            try {
                log.event(peer, "handler failed: " + e);
            } catch (RuntimeException | Error noLine) {
                // no memory even for the line: the connection still ends, alone
            }
        } finally {
            try {
                close(client);
            } finally {
                slots.release();
            }
            if (!closing && slots.availablePermits() >= Math.max(1, maxConnections / 4)
                    && limited.compareAndSet(true, false)) {
                try {
                    log.server(local, "below --max-connections again: " + (maxConnections - slots.availablePermits())
                            + " connections");
                } catch (RuntimeException | Error noLine) {
                    // the slot is back all the same
                }
            }
        }
    }

    private static SocketAddress remote(SocketChannel client) {
        try {
            return client.getRemoteAddress();
        } catch (IOException e) {
            return null; // closed already: its handler fails at once and says so
        }
    }

    private void close(SocketChannel client) {
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

    /**
     * SIGTERM: stops accepting, lets open connections end by themselves for up to {@code drainMs}, then
     * closes the rest and counts them. A Unix socket has no reset to send: a client whose own bytes were still
     * unread reads an error (ECONNRESET, on Linux), one owed only the echo of what its handler held reads end
     * of stream; nobody outside the handler's thread knows those bytes, so only the connections are counted.
     */
    sockets.common.Stopped stop(long drainMs) {
        closing = true;
        try {
            listener.close();
        } catch (IOException e) {
            // stopping either way
        }
        if (acceptor != null) {
            acceptor.interrupt(); // in case it waits for a slot
            try {
                acceptor.join(STOP_WAIT_MS); // a connection it had just accepted is in the set before the count
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long deadline = System.nanoTime() + drainMs * 1_000_000;
        synchronized (clients) {
            for (long left = drainMs; !clients.isEmpty() && left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
                try {
                    clients.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        tearingDown = true;
        long cut = 0;
        for (SocketChannel client : clients) {
            if (client.isOpen()) {
                cut++; // still open after the drain: cut (one ending this very moment may be counted too)
            }
            close(client);
        }
        close();
        return cut == 0 ? sockets.common.Stopped.NOTHING : new sockets.common.Stopped(cut, -1);
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing = true;
        tearingDown = true;
        try {
            listener.close(); // ends the blocked accept()
        } catch (IOException e) {
            // stopping either way
        }
        clients.forEach(this::close);
        if (acceptor != null) {
            acceptor.interrupt(); // in case it waits for a slot
        }
        if (workers != null) {
            workers.shutdownNow();
            try {
                acceptor.join(STOP_WAIT_MS);
                workers.awaitTermination(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
