package sockets.shutdown.cli;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.common.CommandFailedException;
import sockets.common.CountConverter;
import sockets.common.Endpoints;
import sockets.common.HostPort;
import sockets.common.PeerLog;
import sockets.common.PortConverter;
import sockets.common.Servers;
import sockets.shutdown.FaultyRelay;

/** {@code relay}: chapter 01's relay with this chapter's faults, a peer gone silent and a reset. */
@Command(name = "relay", mixinStandardHelpOptions = true,
        description = "Listens on --listen PORT and forwards every connection to --to HOST:PORT, both ways,"
                + " passing a half-close through. Faults: --chunk, --delay-ms, --pause-after, --reset-after.")
final class RelayCommand implements Callable<Integer> {
    private static final int CONNECT_TIMEOUT_MS = 10_000;

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

    @Option(names = "--pause-after", paramLabel = "BYTES", converter = CountConverter.class,
            description = "After forwarding BYTES (both ways counted), stop forwarding without closing anything:"
                    + " a peer gone silent.")
    Integer pauseAfter;

    @Option(names = "--reset-after", paramLabel = "BYTES", converter = CountConverter.class,
            description = "After forwarding BYTES (both ways counted), abort both sides with a reset (RST).")
    Integer resetAfter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (pauseAfter != null && resetAfter != null) {
            throw new ParameterException(spec.commandLine(), "choose one of --pause-after and --reset-after");
        }
        FaultyRelay.Faults faults = new FaultyRelay.Faults(chunk, delayMs,
                pauseAfter == null ? FaultyRelay.Faults.NEVER : pauseAfter, resetAfter == null ? FaultyRelay.Faults.NEVER : resetAfter);
        InetSocketAddress bind = Endpoints.resolve(host, listen);
        InetSocketAddress target;
        try {
            target = to.resolve(); // now, not at the first connection: a typo fails at once
        } catch (UnknownHostException e) {
            throw new CommandFailedException("--to " + to + ": " + e.getMessage());
        }
        if (listen != 0 && target.getPort() == listen && Endpoints.wouldReach(target, bind)) {
            throw new ParameterException(spec.commandLine(), "--to " + to + " is the relay's own listening address:"
                    + " every connection would be relayed to itself");
        }
        FaultyRelay relay = new FaultyRelay(to, faults, CONNECT_TIMEOUT_MS, Threads.VIRTUAL);
        return Servers.serveUntilSignalled(new ThreadPerConnectionServer(bind, 128,
                Threads.VIRTUAL, relay, PeerLog.stderr()), System.out);
    }

}
