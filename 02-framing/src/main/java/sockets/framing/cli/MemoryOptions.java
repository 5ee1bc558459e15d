package sockets.framing.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import sockets.common.CountConverter;
import sockets.framing.MemoryBudget;

/** {@code --max-memory}: the bytes a frame server may hold for all its peers at once. */
public final class MemoryOptions {
    @Option(names = "--max-memory", defaultValue = "67108864", paramLabel = "BYTES", converter = CountConverter.class,
            description = "Memory the server may hold for all its peers at once: unfinished frames and, on a selector,"
                    + " unsent replies. A frame that would go over it, or a client that stopped reading while it is"
                    + " spent, is disconnected with one line on stderr (default: ${DEFAULT-VALUE}, 64 MiB).")
    int maxMemory;

    /** The budget these options name; 0 is bad usage of {@code spec}'s command. */
    public MemoryBudget budget(CommandSpec spec) {
        if (maxMemory < 1) {
            throw new ParameterException(spec.commandLine(), "--max-memory must be at least 1 byte, not " + maxMemory);
        }
        return new MemoryBudget(maxMemory);
    }
}
