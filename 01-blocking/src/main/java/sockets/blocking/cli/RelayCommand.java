package sockets.blocking.cli;

import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import sockets.blocking.Relay;
import sockets.blocking.ThreadPerConnectionServer;
import sockets.blocking.Threads;
import sockets.common.PeerLog;
import sockets.common.Servers;

/** {@code relay}: forwards connections to a target, both ways, with faults on request. */
@Command(name = "relay", mixinStandardHelpOptions = true,
        description = "Listens on --listen PORT and forwards every connection to --to HOST:PORT, both ways,"
                + " passing a half-close through. Faults: --chunk, --delay-ms (chapter 04's relay adds --pause-after and"
                + " --reset-after).")
final class RelayCommand implements Callable<Integer> {
    @Mixin
    RelayOptions relay;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress bind = relay.bindAddress(spec);
        Relay handler = new Relay(relay.to(), new Relay.Faults(relay.chunk(), relay.delayMs()),
                RelayOptions.CONNECT_TIMEOUT_MS, Threads.VIRTUAL);
        return Servers.serveUntilSignalled(new ThreadPerConnectionServer(bind, 128,
                Threads.VIRTUAL, handler, PeerLog.stderr()), System.out);
    }
}
