package sockets.framing;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sockets.blocking.CountConverter;
import sockets.blocking.Endpoints;
import sockets.blocking.PeerLog;
import sockets.blocking.PortConverter;
import sockets.blocking.Servers;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;

/** {@code frame-server}: echoes each complete message back, framed the same way; thread per connection. */
@Command(name = "frame-server", mixinStandardHelpOptions = true,
        description = "Echoes every complete message back, framed the same way. A peer sending a malformed or"
                + " oversized frame is disconnected, with one line on stderr naming it and the fault.")
final class FrameServerCommand implements Callable<Integer> {
    static final String DEFAULT_PORT = "7008";

    @Mixin
    FramingOptions framing;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = DEFAULT_PORT, converter = PortConverter.class,
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--threads", defaultValue = "virtual", paramLabel = "platform|virtual",
            description = "Thread per connection: platform or virtual (default: ${DEFAULT-VALUE}).")
    Threads threads;

    @Option(names = "--backlog", defaultValue = "128", converter = CountConverter.class,
            description = "Connections the kernel may queue before accept() (default: ${DEFAULT-VALUE}).")
    int backlog;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Framing chosen;
        try {
            chosen = framing.framing();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return Servers.serveUntilSignalled(new ThreadPerConnectionServer(Endpoints.resolve(host, port), backlog,
                threads, new FrameEchoHandler(chosen), PeerLog.stderr()), System.out);
    }
}
