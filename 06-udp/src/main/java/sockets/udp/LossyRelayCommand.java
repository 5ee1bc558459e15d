package sockets.udp;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sockets.blocking.Endpoints;
import sockets.blocking.HostPort;
import sockets.blocking.PeerLog;
import sockets.blocking.PortConverter;
import sockets.blocking.Servers;

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
        return Servers.serveUntilSignalled(new LossyRelay(Endpoints.resolve(host, listen), to.resolve(), faults,
                PeerLog.stderr()), System.out);
    }
}
