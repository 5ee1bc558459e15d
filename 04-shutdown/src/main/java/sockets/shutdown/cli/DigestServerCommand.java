package sockets.shutdown.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sockets.common.CountConverter;
import sockets.common.PortConverter;
import sockets.blocking.cli.ServerOptions;
import sockets.common.Servers;
import sockets.shutdown.DigestHandler;

/** {@code digest-server}: reads a request to end of stream, replies {@code <count> <sha256>}, closes. */
@Command(name = "digest-server", mixinStandardHelpOptions = true,
        description = "Reads each request until the client half-closes, then replies with one line,"
                + " '<byte count> <SHA-256 hex>', and closes: HTTP/1.0's pattern without a length.")
final class DigestServerCommand implements Callable<Integer> {
    static final String DEFAULT_PORT = "7040";

    @Mixin
    ServerOptions server;

    @Option(names = "--port", defaultValue = DEFAULT_PORT, converter = PortConverter.class,
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-request", defaultValue = "67108864", paramLabel = "BYTES", converter = CountConverter.class,
            description = "Largest request accepted; beyond it the reply is an error line (default: ${DEFAULT-VALUE}).")
    int maxRequest;

    @Option(names = "--read-timeout-ms", defaultValue = "30000", paramLabel = "MS", converter = CountConverter.class,
            description = "Close a client that sends nothing for this long, before or during its request"
                    + " (default: ${DEFAULT-VALUE}; 0 waits forever).")
    int readTimeoutMs;

    @Override
    public Integer call() throws Exception {
        return Servers.serveUntilSignalled(server.server(port, new DigestHandler(maxRequest, readTimeoutMs)), System.out, server.drainMs());
    }
}
