package sockets.udp.cli;

import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sockets.common.CommandFailedException;
import sockets.common.CountConverter;
import sockets.common.Endpoints;
import sockets.common.PortConverter;
import sockets.udp.SntpClient;
import sockets.udp.UdpEchoClient;

/** The chapter's UDP clients: echo with retries, and SNTP. */
final class UdpClientCommands {
    private UdpClientCommands() {
    }

    /** The kernel answered a datagram with ICMP port unreachable: nothing listens there. */
    static CommandFailedException unreachable(InetSocketAddress server) {
        return new CommandFailedException("no UDP server at " + Endpoints.format(server)
                + ": port unreachable (the machine answered that nothing listens there)");
    }

    @Command(name = "udp-echo-client", mixinStandardHelpOptions = true,
            description = "Sends MESSAGE... as one datagram and waits for its echo; a datagram or its echo may be"
                    + " lost, so it tries again up to --retries times, and says how many tries it took.")
    static final class Echo implements Callable<Integer> {
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", defaultValue = UdpServerCommands.Echo.DEFAULT_PORT, converter = PortConverter.class,
                description = "Server port (default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--timeout-ms", defaultValue = "1000", converter = CountConverter.class,
                description = "Wait for each try (default: ${DEFAULT-VALUE}).")
        int timeoutMs;

        @Option(names = "--retries", defaultValue = "3", converter = CountConverter.class,
                description = "Tries after the first (default: ${DEFAULT-VALUE}).")
        int retries;

        @Parameters(paramLabel = "MESSAGE", arity = "1..*", description = "Words to send, joined by spaces.")
        List<String> words;

        @Override
        public Integer call() throws Exception {
            byte[] message = String.join(" ", words).getBytes(StandardCharsets.UTF_8);
            InetSocketAddress server = Endpoints.resolve(host, port);
            UdpEchoClient.Result result;
            try {
                result = UdpEchoClient.echo(server, message, Duration.ofMillis(Math.max(1, timeoutMs)), retries);
            } catch (PortUnreachableException e) {
                throw unreachable(server);
            }
            if (!result.answered()) {
                throw new CommandFailedException("no echo after " + result.tries() + " tries: every datagram or its"
                        + " echo was lost (or nobody is listening)");
            }
            System.out.println(new String(result.echo(), StandardCharsets.UTF_8));
            if (result.tries() > 1) {
                System.err.println("echoed on try " + result.tries() + ": " + (result.tries() - 1) + " lost");
            }
            return 0;
        }
    }

    @Command(name = "sntp-client", mixinStandardHelpOptions = true,
            description = "Asks an SNTP server the time; prints its time, this clock's offset from it, and the round trip.")
    static final class Sntp implements Callable<Integer> {
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default: ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", defaultValue = UdpServerCommands.Sntp.DEFAULT_PORT, converter = PortConverter.class,
                description = "Server port (default: ${DEFAULT-VALUE}; NTP's own is 123).")
        int port;

        @Option(names = "--timeout-ms", defaultValue = "2000", converter = CountConverter.class,
                description = "Wait for the reply (default: ${DEFAULT-VALUE}).")
        int timeoutMs;

        @Override
        public Integer call() throws Exception {
            InetSocketAddress server = Endpoints.resolve(host, port);
            SntpClient.Result r;
            try {
                r = SntpClient.query(server, Duration.ofMillis(Math.max(1, timeoutMs)));
            } catch (PortUnreachableException e) {
                throw unreachable(server);
            }
            System.out.printf("server time %s (stratum %d, %s)%noffset %+.3f ms, round trip %.3f ms%n", r.serverTime(),
                    r.stratum(), r.referenceId(), r.offset().toNanos() / 1e6, r.delay().toNanos() / 1e6);
            return 0;
        }
    }
}
