package sockets.shutdown;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import sockets.blocking.ConnectionHandler;
import sockets.blocking.Threads;
import sockets.common.HostPort;

/**
 * Chapter 01's relay, written out again with this chapter's two faults: a peer that vanishes, and a
 * connection that is aborted. After {@link Faults#pauseAfter()} bytes (both directions counted) it stops
 * forwarding without closing anything: to each end, the other has gone silent, exactly what a peer
 * whose host died or whose cable was cut looks like. After {@link Faults#resetAfter()} bytes it aborts
 * both connections with RST. Chapter 01's faults ({@link Faults#chunk()}, {@link Faults#delayMs()}) and
 * its half-close passing through are the same.
 */
public final class FaultyRelay implements ConnectionHandler {
    private static final int BUFFER = 8192;

    /** What the relay does to the bytes it forwards; {@code chunk} 0 means no limit, {@link #NEVER} no fault. */
    public record Faults(int chunk, long delayMs, long pauseAfter, long resetAfter) {
        public static final long NEVER = -1;
        public static final Faults NONE = new Faults(0, 0);

        public Faults {
            if (chunk < 0 || delayMs < 0) {
                throw new IllegalArgumentException("chunk and delay must be 0 or more");
            }
            if (pauseAfter < NEVER || resetAfter < NEVER) {
                throw new IllegalArgumentException("pause-after and reset-after must be 0 or more");
            }
            if (pauseAfter != NEVER && resetAfter != NEVER) {
                throw new IllegalArgumentException("choose one of pause-after and reset-after");
            }
        }

        public Faults(int chunk, long delayMs) {
            this(chunk, delayMs, NEVER, NEVER);
        }

        /** These faults, and a pause once {@code bytes} have been forwarded. */
        public Faults pausingAfter(long bytes) {
            return new Faults(chunk, delayMs, bytes, NEVER);
        }

        /** These faults, and a reset of both sides once {@code bytes} have been forwarded. */
        public Faults resettingAfter(long bytes) {
            return new Faults(chunk, delayMs, NEVER, bytes);
        }

        long limit() {
            return pauseAfter != NEVER ? pauseAfter : resetAfter;
        }
    }

    private final HostPort target;
    private final Faults faults;
    private final int connectTimeoutMs;
    private final ThreadFactory pumps;

    public FaultyRelay(HostPort target, Faults faults, int connectTimeoutMs, Threads threads) {
        this.target = target;
        this.faults = faults;
        this.connectTimeoutMs = connectTimeoutMs;
        this.pumps = threads.factory("relay-pump-");
    }

    @Override
    public void handle(Socket client) throws IOException {
        InetSocketAddress address = target.resolve();
        try (Socket upstream = new Socket()) {
            try {
                upstream.connect(address, connectTimeoutMs);
            } catch (IOException e) {
                throw new IOException("cannot connect to " + target + ": " + e.getMessage(), e);
            }
            // Small writes must leave at once, or chunking would be undone by Nagle's algorithm.
            upstream.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
            Link link = new Link(client, upstream);
            Thread back = pumps.newThread(() -> pumpBack(upstream, client, link));
            back.start();
            try {
                pump(client, upstream, link);
            } catch (IOException e) {
                link.abort(false);
                link.join(back);
                throw link.firstFault(e);
            }
            link.join(back);
            IOException backFault = link.backFault;
            if (backFault != null) {
                throw backFault; // logged by the server with this client's address, unless it is stopping
            }
        }
    }

    /** Forwards {@code from} to {@code to} until end of stream (then passes the half-close on) or a fault. */
    private void pump(Socket from, Socket to, Link link) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        byte[] buffer = new byte[faults.chunk() > 0 ? Math.min(faults.chunk(), BUFFER) : BUFFER];
        int n;
        while (!link.faulted() && (n = in.read(buffer)) != -1) {
            int allowed = link.take(n);
            if (allowed > 0) {
                delay();
                out.write(buffer, 0, allowed);
            }
            if (link.limitReached()) {
                break;
            }
        }
        if (link.limitReached()) {
            link.fault();
            return;
        }
        to.shutdownOutput();
    }

    /**
     * The target-to-client direction, on its own thread. Its fault is handed to {@link #handle}'s thread,
     * which reports it: one line per connection, and none while the server is stopping.
     */
    private void pumpBack(Socket from, Socket to, Link link) {
        try {
            pump(from, to, link);
        } catch (IOException e) {
            if (!link.aborted()) {
                link.backFault = e;
            }
            link.abort(false);
        }
    }

    private void delay() throws IOException {
        if (faults.delayMs() > 0) {
            try {
                Thread.sleep(faults.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("relay interrupted");
            }
        }
    }

    /** One relayed connection: its two sockets, the bytes forwarded so far, and its fault. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private final AtomicLong forwarded = new AtomicLong();
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile boolean aborted;
        private volatile IOException backFault;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        /** Of {@code n} bytes read, how many may be forwarded before the fault's limit. */
        int take(int n) {
            long limit = faults.limit();
            if (limit == Faults.NEVER) {
                forwarded.addAndGet(n);
                return n;
            }
            long before = forwarded.getAndAdd(n);
            return (int) Math.max(0, Math.min(n, limit - before));
        }

        boolean limitReached() {
            long limit = faults.limit();
            return limit != Faults.NEVER && forwarded.get() >= limit;
        }

        boolean faulted() {
            return limitReached() || aborted;
        }

        boolean aborted() {
            return aborted;
        }

        /** Waits for the other direction's thread; the server stopping (an interrupt) ends both sides. */
        void join(Thread back) {
            try {
                back.join();
            } catch (InterruptedException e) {
                abort(false);
                Thread.currentThread().interrupt();
            }
        }

        /** The fault that ended this link: the other direction's, if it came first, else {@code own}. */
        IOException firstFault(IOException own) {
            return backFault != null ? backFault : own;
        }

        /** The limit is reached: reset both sides, or go silent until the relay ends this connection. */
        void fault() throws IOException {
            if (faults.resetAfter() != Faults.NEVER) {
                abort(true);
                return;
            }
            try {
                ended.await(); // paused: nothing forwarded, nothing closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("relay stopped while paused");
            }
        }

        /** Ends both sides; with {@code reset}, abortively (linger 0: the peers get RST, not FIN). */
        void abort(boolean reset) {
            aborted = true;
            for (Socket s : new Socket[] {client, upstream}) {
                try {
                    if (reset && !s.isClosed()) {
                        s.setSoLinger(true, 0);
                    }
                    s.close();
                } catch (IOException e) {
                    // already broken; closing it is all that was asked
                }
            }
            ended.countDown();
        }
    }
}
