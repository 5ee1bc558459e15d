package sockets.blocking;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code echo-server}: RFC 862 echo over TCP, one thread per connection. */
@Command(name = "echo-server", mixinStandardHelpOptions = true,
        description = "Echo service (RFC 862) over TCP: every byte received is sent back;"
                + " when the client half-closes, the rest is echoed, then the server closes.")
final class EchoServerCommand implements Callable<Integer> {
    static final String DEFAULT_PORT = "7007";

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to bind: 127.0.0.1 (this machine only), 0.0.0.0 (every interface),"
                    + " ::1, or one interface's address (default: ${DEFAULT-VALUE}).")
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

    @Override
    public Integer call() throws Exception {
        return Servers.serveUntilSignalled(new ThreadPerConnectionServer(Endpoints.resolve(host, port), backlog,
                threads, new EchoHandler(), PeerLog.stderr()), System.out);
    }
}
