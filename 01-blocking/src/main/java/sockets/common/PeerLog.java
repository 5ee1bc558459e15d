package sockets.common;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.SocketAddress;

/**
 * A server's stderr: one line per notable event, each naming the peer it concerns, or the server itself
 * for what concerns no one peer (a failed accept).
 *
 * <p>A peer can cause these lines (every bad datagram is one), so they are rate-limited: a burst of
 * {@value #BURST} lines, then at most {@value #PER_SECOND} a second. Lines over that are counted, not
 * printed, and the next line printed says how many were dropped. A flood costs the log a few lines a
 * second, never the disk or the terminal.
 */
public final class PeerLog {
    public static final int BURST = 100;
    public static final int PER_SECOND = 10;

    private final PrintStream out;
    private double tokens = BURST;
    private long refilledAt = System.nanoTime();
    private long dropped;

    public PeerLog(PrintStream out) {
        this.out = out;
    }

    /** Logs to this process's stderr. */
    public static PeerLog stderr() {
        return new PeerLog(System.err);
    }

    /** Logs nowhere: for tours, tests and benchmarks that provoke faults on purpose. */
    public static PeerLog discard() {
        return new PeerLog(new PrintStream(OutputStream.nullOutputStream()));
    }

    /** {@code peer 127.0.0.1:51886: what}. */
    public void event(SocketAddress peer, String what) {
        line("peer " + Endpoints.format(peer) + ": " + what);
    }

    public void fault(SocketAddress peer, Throwable fault) {
        event(peer, describe(fault));
    }

    /** {@code server 127.0.0.1:7007: what}: an event of the server's own, such as a failed accept. */
    public void server(SocketAddress local, String what) {
        line("server " + Endpoints.format(local) + ": " + what);
    }

    /** A fault's message, or its type where it has none ({@code PortUnreachableException}). */
    public static String describe(Throwable fault) {
        String message = fault.getMessage();
        return message == null || message.isBlank() ? fault.getClass().getSimpleName() : message;
    }

    private synchronized void line(String text) {
        long now = System.nanoTime();
        tokens = Math.min(BURST, tokens + (now - refilledAt) * PER_SECOND / 1e9);
        refilledAt = now;
        if (tokens < 1) {
            dropped++;
            return;
        }
        tokens--;
        if (dropped > 0) {
            text += " (" + dropped + " earlier lines dropped: more than " + PER_SECOND + " a second)";
            dropped = 0;
        }
        out.println(text);
        out.flush();
    }
}
