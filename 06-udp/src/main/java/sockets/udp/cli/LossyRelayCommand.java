package sockets.udp.cli;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sockets.common.CommandFailedException;
import sockets.common.CountConverter;
import sockets.common.Endpoints;
import sockets.common.HostPort;
import sockets.common.PeerLog;
import sockets.common.PortConverter;
import sockets.common.Servers;
import sockets.udp.LossyRelay;

/** {@code lossy-relay}: a UDP relay that drops, duplicates and reorders, repeatably. */
@Command(name = "lossy-relay", mixinStandardHelpOptions = true,
        description = "Relays UDP datagrams from --listen PORT to --to HOST:PORT and back, dropping, duplicating"
                + " and reordering them at the given rates (0 to 1), from --seed, so every run is the same.")
final class LossyRelayCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--listen", required = true, paramLabel = "PORT", converter = PortConverter.class,
            description = "UDP port to listen on; 0 picks a free one.")
    int listen;

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
            description = "Where to relay datagrams.")
    HostPort to;

    @Option(names = "--drop", defaultValue = "0", description = "Rate of datagrams dropped (default: ${DEFAULT-VALUE}).")
    double drop;

    @Option(names = "--duplicate", defaultValue = "0", description = "Rate of datagrams sent twice (default: ${DEFAULT-VALUE}).")
    double duplicate;

    @Option(names = "--reorder", defaultValue = "0", description = "Rate of datagrams held back one place (default: ${DEFAULT-VALUE}).")
    double reorder;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-clients", defaultValue = "256", paramLabel = "N", converter = CountConverter.class,
            description = "Clients remembered at once, one socket each; past it the one silent longest is"
                    + " forgotten (default: ${DEFAULT-VALUE}).")
    int maxClients;

    @Option(names = "--idle-ms", defaultValue = "60000", paramLabel = "MS", converter = CountConverter.class,
            description = "Forget a client silent this long, both ways (default: ${DEFAULT-VALUE}).")
    int idleMs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LossyRelay.Faults faults;
        try {
            faults = new LossyRelay.Faults(drop, duplicate, reorder, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (maxClients < 1 || idleMs < 1) {
            throw new ParameterException(spec.commandLine(), "--max-clients and --idle-ms must be at least 1");
        }
        InetSocketAddress target;
        try {
            target = to.resolve();
        } catch (UnknownHostException e) {
            throw new CommandFailedException("--to " + to + ": " + e.getMessage());
        }
        return Servers.serveUntilSignalled(new LossyRelay(Endpoints.resolve(host, listen), target, faults,
                maxClients, idleMs, PeerLog.stderr()), System.out);
    }
}
