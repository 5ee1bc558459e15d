package sockets.shutdown.cli;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sockets.common.ClientOptions;
import sockets.blocking.Clients;
import sockets.common.CountConverter;
import sockets.common.PortConverter;
import sockets.shutdown.HeartbeatSession;
import sockets.shutdown.PeerSilentException;

/** {@code heartbeat-client}: connects, heartbeats, and says so when the server goes silent. */
@Command(name = "heartbeat-client", mixinStandardHelpOptions = true,
        description = "Connects to a heartbeat server and exchanges heartbeats until --duration-ms has passed"
                + " (exit 0), the server closes (exit 0), or the server goes silent for --missed intervals (exit 1).")
final class HeartbeatClientCommand implements Callable<Integer> {
    @Mixin
    ClientOptions client;

    @Option(names = "--port", defaultValue = HeartbeatServerCommand.DEFAULT_PORT, converter = PortConverter.class,
            description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    HeartbeatOptions heartbeat;

    @Option(names = "--duration-ms", defaultValue = "0", converter = CountConverter.class,
            description = "Close after this long; 0: run until stopped (default: ${DEFAULT-VALUE}).")
    int durationMs;

    @Override
    public Integer call() throws Exception {
        try (Socket socket = Clients.connect(client.address(port), client.timeoutMs())) {
            HeartbeatSession session = new HeartbeatSession(socket, heartbeat.interval(), heartbeat.missed());
            System.out.println("connected to " + sockets.common.Endpoints.format(socket.getRemoteSocketAddress())
                    + "; a heartbeat every " + heartbeat.interval().toMillis() + " ms");
            System.out.flush();
            if (durationMs > 0) {
                Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(durationMs);
                        socket.shutdownOutput(); // a clean goodbye: the server sees end of stream and closes
                    } catch (InterruptedException | java.io.IOException e) {
                        // the session ended first
                    }
                });
            }
            session.run(data -> System.out.println(new String(data, StandardCharsets.UTF_8)));
        } catch (PeerSilentException e) {
            throw new java.io.IOException("server went silent: " + e.getMessage(), e);
        }
        System.out.println("the server closed the connection");
        return 0;
    }
}
