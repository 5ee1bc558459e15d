package sockets.blocking.cli;

import java.net.UnknownHostException;
import picocli.CommandLine.Option;
import sockets.blocking.ConnectionHandler;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.common.CountConverter;
import sockets.common.Endpoints;
import sockets.common.PeerLog;

/**
 * The options every thread-per-connection server command shares (chapter 01's server, which chapters 02 to
 * 04 serve their protocols with): {@code --host}, {@code --threads},
 * {@code --backlog}, {@code --max-connections}, {@code --drain-ms}. The port is the command's own, since each chapter has its default.
 */
public final class ServerOptions {
    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to bind: 127.0.0.1 (this machine only), 0.0.0.0 (every interface),"
                    + " ::1, or one interface's address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--threads", defaultValue = "virtual", paramLabel = "platform|virtual",
            description = "Thread per connection: platform or virtual (default: ${DEFAULT-VALUE}).")
    Threads threads;

    @Option(names = "--backlog", defaultValue = "128", converter = CountConverter.class,
            description = "Connections the kernel may queue before accept() (default: ${DEFAULT-VALUE}).")
    int backlog;

    @Option(names = "--max-connections", paramLabel = "N", converter = CountConverter.class,
            description = "Connections served at once; at the limit new clients wait in the backlog until one ends"
                    + " (default: 1024, or one per 64 KiB of a quarter of the heap if that is fewer: 247 under"
                    + " -Xmx64m; never more than half the heap holds at what a connection costs).")
    Integer maxConnections;

    @Option(names = "--drain-ms", defaultValue = "2000", paramLabel = "MS", converter = CountConverter.class,
            description = "On SIGTERM or SIGINT: stop accepting, and let open connections end by themselves for up to"
                    + " this long; every one still open then is reset and counted in one line on stderr"
                    + " (default: ${DEFAULT-VALUE}).")
    int drainMs;

    /** How long a stop lets open connections end by themselves ({@code --drain-ms}). */
    public long drainMs() {
        return drainMs;
    }

    /**
     * {@code requested} connections for a thread-per-connection server whose connections cost {@code cost}
     * bytes each, or what this heap holds if that is fewer ({@link ThreadPerConnectionServer#heapAllows(long)}),
     * said in one line on stderr: a limit the heap cannot keep lets peers fill it, and a JVM out of heap
     * cannot even run its SIGTERM handler.
     */
    public static int heapBounded(int requested, long cost) {
        int heapAllows = ThreadPerConnectionServer.heapAllows(cost);
        if (requested <= heapAllows) {
            return requested;
        }
        System.err.println("--max-connections " + requested + " is more than this heap holds (one per "
                + cost / 1024 + " KiB of half of " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                + " MiB): serving at most " + heapAllows + " at once (a larger -Xmx allows more)");
        return heapAllows;
    }

    /**
     * A server on {@code port} that gives each connection to {@code handler}, logging to stderr; each connection
     * may cost the most these chapters' handlers cost ({@link ThreadPerConnectionServer#CONNECTION_COST}).
     */
    public ThreadPerConnectionServer server(int port, ConnectionHandler handler) throws UnknownHostException {
        return server(port, handler, ThreadPerConnectionServer.CONNECTION_COST);
    }

    /** As above, for a handler whose connections cost at most {@code cost} bytes of heap each. */
    public ThreadPerConnectionServer server(int port, ConnectionHandler handler, long cost) throws UnknownHostException {
        int limit = maxConnections == null ? ThreadPerConnectionServer.defaultMaxConnections()
                : heapBounded(Math.max(1, maxConnections), cost);
        return new ThreadPerConnectionServer(Endpoints.resolve(host, port), backlog, threads, handler, limit,
                PeerLog.stderr());
    }
}
