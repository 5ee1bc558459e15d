package sockets.blocking;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ThreadFactory;

/**
 * A server that is also a client (the HOWTO's web server "uses both"): every connection it accepts
 * is forwarded to a target, both ways, and the target's replies come back the same way.
 *
 * <p>It is the fault injector the later chapters test through. {@link Faults#chunk()} forwards at most
 * that many bytes per write, so the far side sees a message arrive in pieces; {@link Faults#delayMs()}
 * waits before each write. A half-close passes through: when one side sends FIN, the relay reads end
 * of stream and sends FIN on to the other side, which can still answer.
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
    private final PeerLog log;

    public Relay(HostPort target, Faults faults, int connectTimeoutMs, Threads threads, PeerLog log) {
        this.target = target;
        this.faults = faults;
        this.connectTimeoutMs = connectTimeoutMs;
        this.pumps = threads.factory("relay-pump-");
        this.log = log;
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
            Thread back = pumps.newThread(() -> pumpQuietly(upstream, client));
            back.start();
            try {
                pump(client, upstream);
            } catch (IOException e) {
                abort(client, upstream);
                throw e;
            }
            try {
                back.join();
            } catch (InterruptedException e) {
                // The server is stopping: end both sides, which also ends the other pump.
                abort(client, upstream);
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Forwards {@code from} to {@code to} until end of stream, then passes the half-close on. */
    private void pump(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        byte[] buffer = new byte[faults.chunk() > 0 ? Math.min(faults.chunk(), BUFFER) : BUFFER];
        int n;
        while ((n = in.read(buffer)) != -1) {
            delay();
            out.write(buffer, 0, n);
        }
        to.shutdownOutput();
    }

    private void pumpQuietly(Socket from, Socket to) {
        try {
            pump(from, to);
        } catch (IOException e) {
            if (!from.isClosed() && !to.isClosed()) {
                log.fault(from.getRemoteSocketAddress(), e);
            }
            abort(from, to);
        }
    }

    private void delay() throws IOException {
        if (faults.delayMs() > 0) {
            try {
                Thread.sleep(faults.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("relay interrupted");
            }
        }
    }

    /** One direction failed: end both, so neither side waits for bytes that will never come. */
    private static void abort(Socket a, Socket b) {
        for (Socket s : new Socket[] {a, b}) {
            try {
                s.close();
            } catch (IOException e) {
                // already broken; closing it is all that was asked
            }
        }
    }
}
