package sockets.blocking;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The HOWTO's server main loop: accept, hand the new socket to a thread, go back to accepting.
 * The listening socket never carries data; every {@code accept} returns a new socket for one client.
 */
public final class ThreadPerConnectionServer extends LifecycleServer {
    private static final long STOP_WAIT_MS = 5_000;
    private static final long ACCEPT_RETRY_MS = 50;

    private final InetSocketAddress bindAddress;
    private final int backlog;
    private final Threads threads;
    private final ConnectionHandler handler;
    private final PeerLog log;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
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
            socket.bind(bindAddress, backlog);
        } catch (IOException e) {
            socket.close();
            throw Servers.bindFailure(bindAddress, e);
        }
        listener = socket;
        InetSocketAddress bound = (InetSocketAddress) socket.getLocalSocketAddress();
        workers = Executors.newThreadPerTaskExecutor(threads.factory("conn-" + bound.getPort() + "-"));
        acceptor = Thread.ofPlatform().name("accept-" + bound.getPort()).start(this::acceptLoop);
        return bound;
    }

    private void acceptLoop() {
        while (!closing()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closing()) {
                    // Out of file descriptors, say: the listener still works, so wait a little and retry.
                    log.event(listener.getLocalSocketAddress(), "accept failed: " + e.getMessage());
                    pause();
                }
                continue;
            }
            connections.add(client);
            if (closing()) {
                closeQuietly(client);
                continue;
            }
            try {
                workers.execute(() -> serve(client));
            } catch (RejectedExecutionException e) {
                closeQuietly(client); // close() began between the check above and here
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(ACCEPT_RETRY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(Socket client) {
        SocketAddress peer = client.getRemoteSocketAddress();
        try {
            handler.handle(client);
        } catch (IOException e) {
            if (!closing()) {
                log.fault(peer, e); // before the close below: the peer sees the close after the line is written
            }
        } catch (RuntimeException e) {
            log.event(peer, "handler failed: " + e);
        } finally {
            closeQuietly(client);
            connections.remove(client);
        }
    }

    @Override
    protected void stop() {
        if (listener != null) {
            closeQuietly(listener);
            connections.forEach(ThreadPerConnectionServer::closeQuietly);
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

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            // Closing to stop: a failure to close a socket that is already broken changes nothing.
        }
    }
}
