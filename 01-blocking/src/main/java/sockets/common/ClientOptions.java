package sockets.common;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Option;

/** The options every client command shares: {@code --host} and {@code --timeout-ms}; the port is the command's. */
public final class ClientOptions {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--timeout-ms", defaultValue = "10000", converter = CountConverter.class,
            description = "Bound on connecting and on each read (default: ${DEFAULT-VALUE}).")
    int timeoutMs;

    public InetSocketAddress address(int port) throws UnknownHostException {
        return Endpoints.resolve(host, port);
    }

    public int timeoutMs() {
        return timeoutMs;
    }
}
