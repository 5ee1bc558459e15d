package sockets.shutdown.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sockets.common.PortConverter;
import sockets.blocking.cli.ServerOptions;
import sockets.common.Servers;
import sockets.shutdown.HeartbeatHandler;

/** {@code heartbeat-server}: heartbeats with each client, echoes its data, closes a client gone silent. */
@Command(name = "heartbeat-server", mixinStandardHelpOptions = true,
        description = "Sends each client a heartbeat every interval, echoes its data frames, and closes a client"
                + " it has not heard from for --missed intervals, saying so on stderr.")
final class HeartbeatServerCommand implements Callable<Integer> {
    static final String DEFAULT_PORT = "7041";

    @Mixin
    ServerOptions server;

    @Option(names = "--port", defaultValue = DEFAULT_PORT, converter = PortConverter.class,
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    HeartbeatOptions heartbeat;

    @Override
    public Integer call() throws Exception {
        HeartbeatHandler handler = new HeartbeatHandler(heartbeat.interval(), heartbeat.missed());
        return Servers.serveUntilSignalled(server.server(port, handler), System.out, server.drainMs());
    }
}
