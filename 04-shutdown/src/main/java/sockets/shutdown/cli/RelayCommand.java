package sockets.shutdown.cli;

import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.blocking.cli.RelayOptions;
import sockets.common.CountConverter;
import sockets.common.PeerLog;
import sockets.common.Servers;
import sockets.shutdown.FaultyRelay;

/** {@code relay}: chapter 01's relay with this chapter's faults, a peer gone silent and a reset. */
@Command(name = "relay", mixinStandardHelpOptions = true,
        description = "Listens on --listen PORT and forwards every connection to --to HOST:PORT, both ways,"
                + " passing a half-close through. Faults: --chunk, --delay-ms, --pause-after, --reset-after.")
final class RelayCommand implements Callable<Integer> {
    @Mixin
    RelayOptions relay;

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
        InetSocketAddress bind = relay.bindAddress(spec);
        FaultyRelay.Faults faults = new FaultyRelay.Faults(relay.chunk(), relay.delayMs(),
                pauseAfter == null ? FaultyRelay.Faults.NEVER : pauseAfter,
                resetAfter == null ? FaultyRelay.Faults.NEVER : resetAfter);
        FaultyRelay handler = new FaultyRelay(relay.to(), faults, RelayOptions.CONNECT_TIMEOUT_MS, Threads.VIRTUAL);
        return Servers.serveUntilSignalled(new ThreadPerConnectionServer(bind, 128,
                Threads.VIRTUAL, handler, PeerLog.stderr()), System.out);
    }
}
