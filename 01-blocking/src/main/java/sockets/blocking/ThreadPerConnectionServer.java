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
 * <p>{@link #stop(long)}, on SIGTERM: a handler's thread holds whatever it has read and not yet answered,
 * and nothing outside it can tell a client idle between requests from one halfway through; so every
 * connection still open is reset (a reset says "lost"; an orderly end would say all was answered) and
 * counted, with the bytes it had sent that were never read. No drain: the selector servers of chapter 05,
 * which hold every connection's output in a queue of their own, can send what they owe first.
 */
public final class ThreadPerConnectionServer implements Server {
    private static final long RETRY_MS = 50;
    private static final long STOP_WAIT_MS = 5_000;

    private final InetSocketAddress bindAddress;
    private final int backlog;
    private final Threads threads;
    private final ConnectionHandler handler;
    private final PeerLog log;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    private ServerSocket listener;
    private ExecutorService workers;
    private Thread acceptor;

    public ThreadPerConnectionServer(InetSocketAddress bindAddress, int backlog, Threads threads,
                                     ConnectionHandler handler, PeerLog log) {
        this.bindAddress = bindAddress;
        this.backlog = backlog;
        this.threads = threads;
        this.handler = handler;
        this.log = log;
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
        workers = Executors.newThreadPerTaskExecutor(threads.factory("conn-" + bound.getPort() + "-"));
        acceptor = Thread.ofPlatform().name("accept-" + bound.getPort()).start(() -> acceptLoop(bound));
        return bound;
    }

    private void acceptLoop(InetSocketAddress bound) {
        long failures = 0;
        while (!closing) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException | Error e) {
                if (!closing) {
                    failures = failed(bound, failures, e);
                }
                continue;
            }
            clients.add(client);
            try {
                workers.execute(() -> serve(client));
            } catch (RejectedExecutionException e) {
                close(client); // close() began since this accept
                continue;
            } catch (Error e) {
                close(client); // no thread could be made for it: this client only is turned away
                failures = failed(bound, failures, e);
                continue;
            }
            if (failures > 0) {
                log.server(bound, "accepting again after " + failures + " failed attempts");
                failures = 0;
            }
        }
    }

    /** One more failure in a burst: the first is logged, each one waits before the next try. */
    private long failed(InetSocketAddress bound, long failures, Throwable e) {
        if (failures == 0) {
            log.server(bound, "accept failed: " + PeerLog.describe(e) + "; retrying every " + RETRY_MS
                    + " ms, quietly, until it works");
        }
        try {
            Thread.sleep(RETRY_MS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return failures + 1;
    }

    /** One client, on its own thread: handle, then close, whatever happened. */
    private void serve(Socket client) {
        try {
            handler.handle(client);
        } catch (IOException e) {
            if (!closing) {
                log.fault(client.getRemoteSocketAddress(), e); // before the close: the peer sees the line first
            }
        } catch (RuntimeException | Error e) {
            // A bug or a shortage (OutOfMemoryError, StackOverflowError) in this connection: it ends, no other.
            log.event(client.getRemoteSocketAddress(), "handler failed: " + e);
        } finally {
            close(client);
        }
    }

    private void close(Socket client) {
        try {
            client.close();
        } catch (IOException e) {
            // already broken: closing it is all that was asked
        }
        clients.remove(client);
    }

    /** Connections being served right now. */
    public int connectionCount() {
        return clients.size();
    }

    /** Resets every connection still open, counting it and its unread bytes; then {@link #close()}. */
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
        long cut = 0;
        long unread = 0;
        for (Socket client : clients) {
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
        try {
            listener.close(); // ends the blocked accept()
        } catch (IOException e) {
            // stopping either way
        }
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
