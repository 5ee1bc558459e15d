package sockets.blocking;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.SocketAddress;

/** A server's stderr: one line per notable event, each naming the peer it concerns. */
public final class PeerLog {
    private final PrintStream out;

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

    public void event(SocketAddress peer, String what) {
        out.println("peer " + Endpoints.format(peer) + ": " + what);
        out.flush();
    }

    public void fault(SocketAddress peer, Throwable fault) {
        String message = fault.getMessage();
        event(peer, message == null ? fault.getClass().getSimpleName() : message);
    }
}
