package sockets.blocking;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ThreadFactory;
import sockets.common.HostPort;

/**
 * A server that is also a client (the HOWTO's web server "uses both"): every connection it accepts
 * is forwarded to a target, both ways, and the target's replies come back the same way.
 *
 * <p>It is the fault injector later chapters test through. {@link Faults#chunk()} forwards at most that
 * many bytes per write, so the far side sees a message arrive in pieces; {@link Faults#delayMs()} waits
 * before each write. A half-close passes through: when one side sends FIN, the relay reads end of stream
 * and sends FIN on to the other side, which can still answer.
 */
public final class Relay implements ConnectionHandler {
    private static final int BUFFER = 8192;

    /** What the relay does to the bytes it forwards; {@code chunk} 0 means no limit. */
    public record Faults(int chunk, long delayMs) {
        public static final Faults NONE = new Faults(0, 0);

        public Faults {
            if (chunk < 0 || delayMs < 0) {
                throw new IllegalArgumentException("chunk and delay must be 0 or more");
            }
        }
    }

    private final HostPort target;
    private final Faults faults;
    private final int connectTimeoutMs;
    private final ThreadFactory pumps;

    public Relay(HostPort target, Faults faults, int connectTimeoutMs, Threads threads) {
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
            // The target's direction on a thread of its own; its fault, if it came first, is reported from this one.
            Link link = new Link(client, upstream);
            Thread back = pumps.newThread(() -> {
                try {
                    pump(upstream, client);
                } catch (IOException e) {
                    link.fail(e);
                }
            });
            back.start();
            try {
                pump(client, upstream);
            } catch (IOException e) {
                link.fail(e);
            }
            link.join(back);
            if (link.fault != null) {
                throw link.fault; // logged by the server with this client's address, unless it is stopping
            }
        }
    }

    /** Forwards {@code from} to {@code to} until end of stream, then passes the half-close on. */
    private void pump(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        byte[] buffer = new byte[faults.chunk() > 0 ? Math.min(faults.chunk(), BUFFER) : BUFFER];
        for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
            delay();
            out.write(buffer, 0, n);
        }
        to.shutdownOutput();
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

    /** One relayed connection's two sockets, and the first fault on either direction. */
    private static final class Link {
        private final Socket client;
        private final Socket upstream;
        private volatile IOException fault;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        /** The first fault ends both sides; a later one is only the echo of that close. */
        synchronized void fail(IOException e) {
            if (fault == null) {
                fault = e;
                close();
            }
        }

        /** Waits for the other direction; the server stopping (an interrupt) ends both sides. */
        void join(Thread back) {
            try {
                back.join();
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
            }
        }

        private void close() {
            for (Socket s : new Socket[] {client, upstream}) {
                try {
                    s.close();
                } catch (IOException e) {
                    // already broken; closing it is all that was asked
                }
            }
        }
    }
}
