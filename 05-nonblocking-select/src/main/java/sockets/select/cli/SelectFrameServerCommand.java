package sockets.select.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sockets.common.PortConverter;
import sockets.common.Servers;
import sockets.framing.Framing;
import sockets.framing.MemoryBudget;
import sockets.framing.cli.FramingOptions;
import sockets.framing.cli.MemoryOptions;
import sockets.select.FramingProtocol;

/** {@code select-frame-server --framing F}: chapter 02's frame echo, on a selector. */
@Command(name = "select-frame-server", mixinStandardHelpOptions = true,
        description = "Echoes each complete message back, framed the same way, on a Selector, feeding chapter 02's"
                + " decoders. A peer sending a malformed or oversized frame is disconnected, with one line on stderr.")
final class SelectFrameServerCommand implements Callable<Integer> {
    static final String DEFAULT_PORT = "7051";

    @Mixin
    SelectOptions options;

    @Mixin
    FramingOptions framing;

    @Mixin
    MemoryOptions memory;

    @Option(names = "--port", defaultValue = DEFAULT_PORT, converter = PortConverter.class,
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Framing chosen = framing.framing(spec);
        MemoryBudget budget = memory.budget(spec);
        return Servers.serveUntilSignalled(options.server(port, new FramingProtocol(chosen, budget), budget), System.out,
                options.drainMs);
    }
}
