package sockets.framing.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.common.PortConverter;
import sockets.blocking.cli.ServerOptions;
import sockets.common.Servers;
import sockets.framing.FrameEchoHandler;
import sockets.framing.Framing;

/** {@code frame-server}: echoes each complete message back, framed the same way; thread per connection. */
@Command(name = "frame-server", mixinStandardHelpOptions = true,
        description = "Echoes every complete message back, framed the same way. A peer sending a malformed or"
                + " oversized frame is disconnected, with one line on stderr naming it and the fault.")
final class FrameServerCommand implements Callable<Integer> {
    static final String DEFAULT_PORT = "7008";

    @Mixin
    FramingOptions framing;

    @Mixin
    MemoryOptions memory;

    @Mixin
    ServerOptions server;

    @Option(names = "--port", defaultValue = DEFAULT_PORT, converter = PortConverter.class,
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Framing chosen = framing.framing(spec);
        return Servers.serveUntilSignalled(server.server(port, new FrameEchoHandler(chosen, memory.budget(spec)),
                ThreadPerConnectionServer.SMALL_CONNECTION_COST), System.out, server.drainMs());
    }
}
