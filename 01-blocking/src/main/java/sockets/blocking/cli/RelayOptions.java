package sockets.blocking.cli;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import sockets.common.CommandFailedException;
import sockets.common.CountConverter;
import sockets.common.Endpoints;
import sockets.common.HostPort;
import sockets.common.PortConverter;

/** What every {@code relay} command takes: where to listen, where to forward, chapter 01's two faults. */
public final class RelayOptions {
    /** How long a relay waits for its target to accept. */
    public static final int CONNECT_TIMEOUT_MS = 10_000;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--listen", required = true, paramLabel = "PORT", converter = PortConverter.class,
            description = "Port to listen on; 0 picks a free one.")
    int listen;

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
            description = "Where to forward each connection.")
    HostPort to;

    @Option(names = "--chunk", defaultValue = "0", paramLabel = "N", converter = CountConverter.class,
            description = "Forward at most N bytes per write, so the far side sees short reads (0: no limit).")
    int chunk;

    @Option(names = "--delay-ms", defaultValue = "0", paramLabel = "D", converter = CountConverter.class,
            description = "Wait D milliseconds before each write.")
    int delayMs;

    public HostPort to() {
        return to;
    }

    public int chunk() {
        return chunk;
    }

    public int delayMs() {
        return delayMs;
    }

    /**
     * The address to listen on, after checking the target: resolved now, not at the first connection, so a
     * typo fails at once (exit 1); and not this relay's own address (exit 2), or it would relay to itself.
     */
    public InetSocketAddress bindAddress(CommandSpec spec) throws UnknownHostException {
        InetSocketAddress bind = Endpoints.resolve(host, listen);
        InetSocketAddress target;
        try {
            target = to.resolve();
        } catch (UnknownHostException e) {
            throw new CommandFailedException("--to " + to + ": " + e.getMessage());
        }
        if (listen != 0 && Endpoints.wouldReach(target, bind)) {
            throw new ParameterException(spec.commandLine(), "--to " + to + " is the relay's own listening address:"
                    + " every connection would be relayed to itself");
        }
        return bind;
    }
}
