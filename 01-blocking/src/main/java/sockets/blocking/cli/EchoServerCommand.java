package sockets.blocking.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sockets.blocking.EchoHandler;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.common.PortConverter;
import sockets.common.Servers;

/** {@code echo-server}: RFC 862 echo over TCP, one thread per connection. */
@Command(name = "echo-server", mixinStandardHelpOptions = true,
        description = "Echo service (RFC 862) over TCP: every byte received is sent back;"
                + " when the client half-closes, the rest is echoed, then the server closes.")
final class EchoServerCommand implements Callable<Integer> {
    static final String DEFAULT_PORT = "7007";

    @Mixin
    ServerOptions server;

    @Option(names = "--port", defaultValue = DEFAULT_PORT, converter = PortConverter.class,
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
        return Servers.serveUntilSignalled(server.server(port, new EchoHandler(),
                ThreadPerConnectionServer.SMALL_CONNECTION_COST), System.out, server.drainMs());
    }
}
