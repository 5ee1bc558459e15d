package sockets.select.cli;

import java.net.UnknownHostException;
import picocli.CommandLine.Option;
import sockets.common.CountConverter;
import sockets.common.Endpoints;
import sockets.common.PeerLog;
import sockets.framing.MemoryBudget;
import sockets.select.Protocol;
import sockets.select.SelectorServer;

/**
 * What every selector server command takes: {@code --host}, {@code --loops}, {@code --max-pending},
 * {@code --backlog}, {@code --max-connections}, {@code --drain-ms}.
 */
final class SelectOptions {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--loops", defaultValue = "1", converter = CountConverter.class,
            description = "Selector threads: 1, or one per core for the N-thread server (default: ${DEFAULT-VALUE}).")
    int loops;

    @Option(names = "--max-pending", defaultValue = "262144", paramLabel = "BYTES", converter = CountConverter.class,
            description = "Output queued for one client before the server stops reading it (default: ${DEFAULT-VALUE}).")
    int maxPending;

    @Option(names = "--backlog", defaultValue = "1024", converter = CountConverter.class,
            description = "Connections the kernel may queue before accept() (default: ${DEFAULT-VALUE}).")
    int backlog;

    @Option(names = "--max-connections", paramLabel = "N", converter = CountConverter.class,
            description = "Connections served at once; at the limit new clients wait in the backlog until a quarter"
                    + " of it is free (default: 16384, or one per 4 KiB of a quarter of the heap if that is fewer:"
                    + " 3,960 under -Xmx64m).")
    Integer maxConnections;

    @Option(names = "--drain-ms", defaultValue = "2000", paramLabel = "MS", converter = CountConverter.class,
            description = "On SIGTERM or SIGINT: stop accepting and reading, and send what clients are owed for up to"
                    + " this long; a connection still owed bytes then is reset and counted in one line on stderr"
                    + " (default: ${DEFAULT-VALUE}).")
    int drainMs;

    SelectorServer server(int port, Protocol protocol, MemoryBudget budget) throws UnknownHostException {
        SelectorServer server = new SelectorServer(Endpoints.resolve(host, port), backlog, Math.max(1, loops), protocol,
                Math.max(1, maxPending), budget, PeerLog.stderr());
        return maxConnections == null ? server : server.maxConnections(Math.max(1, maxConnections));
    }
}
