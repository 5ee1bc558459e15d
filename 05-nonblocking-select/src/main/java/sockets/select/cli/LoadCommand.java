package sockets.select.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sockets.common.CommandFailedException;
import sockets.common.CountConverter;
import sockets.common.Endpoints;
import sockets.common.PortConverter;
import sockets.framing.cli.Framings;
import sockets.select.LoadGenerator;

/** {@code load}: many connections from one selector thread against an echo server; throughput and latency. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Opens --connections connections from one selector thread; each sends --size bytes and waits for"
                + " the whole echo, --messages times (or until --duration-ms); with --mode ping-pong, one connection"
                + " from a blocking client does the same. A progress line goes to stderr every"
                + " second; the summary (throughput, latency percentiles) to stdout. Fails if any echo was wrong or"
                + " any connection failed.",
        footer = {"", "Examples (a select-echo-server on its default port, 7050):",
                "  java -jar 05-nonblocking-select/target/05-nonblocking-select.jar load --connections 100 --messages 1000",
                "  java -jar 05-nonblocking-select/target/05-nonblocking-select.jar load --mode ping-pong --duration-ms 5000"})
final class LoadCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = SelectEchoServerCommand.DEFAULT_PORT, converter = PortConverter.class,
            description = "Server port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--connections", defaultValue = "100", converter = CountConverter.class,
            description = "Connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--messages", defaultValue = "1000", converter = CountConverter.class,
            description = "Messages per connection; 0: until --duration-ms (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--size", defaultValue = "64", converter = CountConverter.class,
            description = "Bytes per message (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--duration-ms", defaultValue = "0", converter = CountConverter.class,
            description = "Stop after this long; 0: when every message is done (default: ${DEFAULT-VALUE}).")
    int durationMs;

    @Option(names = "--framing", paramLabel = "F", converter = Framings.NameConverter.class,
            description = "Send each message as one frame (" + Framings.NAMES + "), for select-frame-server or"
                    + " frame-server; default: raw bytes, for an echo server.")
    String framing;

    @Option(names = "--mode", defaultValue = "closed-loop", paramLabel = "closed-loop|ping-pong",
            description = "closed-loop: --connections connections from one selector thread, each with one message in"
                    + " flight; ping-pong: one connection from a blocking client, one message in flight, for one round"
                    + " trip's latency (--connections must then be 1) (default: ${DEFAULT-VALUE}).")
    String mode;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!mode.equals("closed-loop") && !mode.equals("ping-pong")) {
            throw new ParameterException(spec.commandLine(), "--mode must be closed-loop or ping-pong, not '" + mode + "'");
        }
        boolean pingPong = mode.equals("ping-pong");
        if (pingPong && spec.commandLine().getParseResult().hasMatchedOption("--connections") && connections != 1) {
            throw new ParameterException(spec.commandLine(), "--mode ping-pong uses one connection, not --connections "
                    + connections);
        }
        LoadGenerator.Settings settings;
        try {
            settings = new LoadGenerator.Settings(Endpoints.resolve(host, port), pingPong ? 1 : connections, messages, size,
                    Duration.ofMillis(durationMs), System.err, framing == null ? null : Framings.parse(framing, null));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        LoadGenerator.Report report = pingPong ? LoadGenerator.pingPong(settings) : LoadGenerator.run(settings);
        System.out.println(report.format());
        if (report.failed() > 0 || report.wrong() > 0) {
            throw new CommandFailedException(report.failed() + " connections failed, " + report.wrong() + " echoes wrong"
                    + (report.firstFault() == null ? "" : "; the first: " + report.firstFault()));
        }
        return 0;
    }
}
