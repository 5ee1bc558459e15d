package sockets.blocking;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.SocketAddress;

/** What every server command does: start, announce the address really bound, serve until a signal. */
public final class Servers {
    private Servers() {
    }

    /** The one-line failure for a bind that did not work: "cannot listen on 127.0.0.1:7007: Address already in use". */
    public static BindException bindFailure(SocketAddress address, IOException cause) {
        BindException failure = new BindException("cannot listen on " + Endpoints.format(address) + ": " + cause.getMessage());
        failure.initCause(cause);
        return failure;
    }

    /**
     * Starts {@code server}, prints {@code listening on HOST:PORT} as the first line of {@code out},
     * and serves until SIGINT or SIGTERM, which close it: sockets closed, threads ended, no trace.
     */
    public static int serveUntilSignalled(Server server, PrintStream out) throws IOException, InterruptedException {
        SocketAddress bound = server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        out.println("listening on " + Endpoints.format(bound));
        out.flush();
        server.awaitClosed();
        return Cli.OK;
    }
}
