package sockets.udp.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sockets.common.Endpoints;
import sockets.common.PeerLog;
import sockets.common.PortConverter;
import sockets.common.Servers;
import sockets.udp.DatagramHandler;
import sockets.udp.Handlers;
import sockets.udp.SntpHandler;
import sockets.udp.UdpServer;

/** The chapter's three UDP servers: echo, RFC 868 time, and SNTP. */
final class UdpServerCommands {
    private UdpServerCommands() {
    }

    /** {@code --host} and {@code --port} for a UDP server, and serving until a signal. */
    abstract static class UdpServerCommand implements Callable<Integer> {
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", converter = PortConverter.class,
                description = "UDP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
        int port;

        abstract DatagramHandler handler();

        @Override
        public Integer call() throws Exception {
            return Servers.serveUntilSignalled(new UdpServer(Endpoints.resolve(host, port), handler(), PeerLog.stderr()),
                    System.out);
        }
    }

    @Command(name = "udp-echo-server", mixinStandardHelpOptions = true,
            description = "Echo service (RFC 862) over UDP: every datagram goes back to its sender.")
    static final class Echo extends UdpServerCommand {
        static final String DEFAULT_PORT = "7060";

        Echo() {
            port = Integer.parseInt(DEFAULT_PORT);
        }

        @Override
        DatagramHandler handler() {
            return Handlers.echo();
        }
    }

    @Command(name = "udp-time-server", mixinStandardHelpOptions = true,
            description = "Time Protocol (RFC 868) over UDP: any datagram in, the time as 4 bytes out.")
    static final class Time extends UdpServerCommand {
        Time() {
            port = 7061;
        }

        @Override
        DatagramHandler handler() {
            return Handlers.time(Clock.systemUTC());
        }
    }

    @Command(name = "sntp-server", mixinStandardHelpOptions = true,
            description = "SNTP (RFC 4330) server answering from this machine's clock (stratum 1, reference LOCL).")
    static final class Sntp extends UdpServerCommand {
        static final String DEFAULT_PORT = "7062";

        Sntp() {
            port = Integer.parseInt(DEFAULT_PORT);
        }

        @Override
        DatagramHandler handler() {
            return new SntpHandler(Clock.systemUTC());
        }
    }
}
