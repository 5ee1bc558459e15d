package sockets.select.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sockets.common.PortConverter;
import sockets.common.Servers;
import sockets.framing.cli.MemoryOptions;
import sockets.select.Protocol;

/** {@code select-echo-server}: RFC 862 echo on one selector thread (or N). */
@Command(name = "select-echo-server", mixinStandardHelpOptions = true,
        description = "Echo service (RFC 862) on non-blocking sockets and a Selector: one thread serves every client"
                + " (or --loops N threads).")
final class SelectEchoServerCommand implements Callable<Integer> {
    static final String DEFAULT_PORT = "7050";

    @Mixin
    SelectOptions options;

    @Mixin
    MemoryOptions memory;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = DEFAULT_PORT, converter = PortConverter.class,
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
        return Servers.serveUntilSignalled(options.server(port, Protocol.ECHO, memory.budget(spec)), System.out,
                options.drainMs);
    }
}
