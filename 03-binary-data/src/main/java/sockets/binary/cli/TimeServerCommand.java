package sockets.binary.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.binary.TimeHandler;
import sockets.common.PortConverter;
import sockets.blocking.cli.ServerOptions;
import sockets.common.Servers;

/** {@code time-server}: RFC 868 over TCP. */
@Command(name = "time-server", mixinStandardHelpOptions = true,
        description = "Time Protocol (RFC 868) over TCP: sends each client the time as 4 bytes, big-endian,"
                + " unsigned seconds since 1900-01-01T00:00Z, then closes.")
final class TimeServerCommand implements Callable<Integer> {
    static final String DEFAULT_PORT = "7037";

    @Mixin
    ServerOptions server;

    @Option(names = "--port", defaultValue = DEFAULT_PORT, converter = PortConverter.class,
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}; RFC 868's own is 37).")
    int port;

    @Override
    public Integer call() throws Exception {
        return Servers.serveUntilSignalled(server.server(port, new TimeHandler(Clock.systemUTC()),
                ThreadPerConnectionServer.SMALL_CONNECTION_COST), System.out, server.drainMs());
    }
}
