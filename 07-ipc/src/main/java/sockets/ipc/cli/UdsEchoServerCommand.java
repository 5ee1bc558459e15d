package sockets.ipc.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sockets.blocking.Threads;
import sockets.common.PeerLog;
import sockets.common.Servers;
import sockets.ipc.UdsServer;
import sockets.select.Protocol;

/** {@code uds-echo-server --path P [--model selector|virtual|platform]}: RFC 862 echo on a Unix domain socket. */
@Command(name = "uds-echo-server", mixinStandardHelpOptions = true,
        description = "Echo service on a Unix domain stream socket at --path, with the same echo code as TCP:"
                + " chapter 05's selector loop, or chapter 01's design, a thread per connection. Refuses a"
                + " path a live server holds, replaces a stale socket file, makes the file owner-only, and deletes"
                + " it on shutdown.")
final class UdsEchoServerCommand implements Callable<Integer> {
    /** How connections are served. */
    enum Model { SELECTOR, VIRTUAL, PLATFORM }

    @Option(names = "--path", required = true, paramLabel = "P", converter = SocketPathConverter.class, description = "The socket file's path.")
    Path path;

    @Option(names = "--model", defaultValue = "selector", paramLabel = "M",
            description = "selector (one thread, chapter 05), virtual or platform (a thread per connection,"
                    + " chapter 01). Default: ${DEFAULT-VALUE}.")
    Model model;

    @Option(names = "--max-connections", paramLabel = "N", converter = sockets.common.CountConverter.class,
            description = "Connections served at once; at the limit new clients wait in the backlog (default: the"
                    + " model's own, chapter 05's for selector, chapter 01's for the thread models).")
    Integer maxConnections;

    @Option(names = "--drain-ms", defaultValue = "2000", paramLabel = "MS", converter = sockets.common.CountConverter.class,
            description = "On SIGTERM or SIGINT, the selector model sends what clients are owed for up to this long;"
                    + " a connection still owed bytes then is cut and counted in one line on stderr. The thread models"
                    + " let open connections end by themselves for this long, then cut and count the rest."
                    + " Default: ${DEFAULT-VALUE}.")
    int drainMs;

    @Override
    public Integer call() throws Exception {
        PeerLog log = PeerLog.stderr();
        UdsServer server = switch (model) {
            case SELECTOR -> new UdsServer(path, Protocol.ECHO, log);
            case VIRTUAL -> new UdsServer(path, Threads.VIRTUAL, log);
            case PLATFORM -> new UdsServer(path, Threads.PLATFORM, log);
        };
        if (maxConnections != null) {
            int limit = Math.max(1, maxConnections);
            // a thread per connection costs heap a selector's connection does not: the heap bounds it
            server.maxConnections(model == Model.SELECTOR ? limit : sockets.blocking.cli.ServerOptions.heapBounded(limit,
                    sockets.blocking.ThreadPerConnectionServer.SMALL_CONNECTION_COST));
        }
        return Servers.serveUntilSignalled(server, System.out, drainMs);
    }
}
