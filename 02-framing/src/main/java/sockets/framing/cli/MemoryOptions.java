package sockets.framing.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import sockets.common.CountConverter;
import sockets.framing.MemoryBudget;

/** {@code --max-memory}: the bytes a frame server may hold for all its peers at once. */
public final class MemoryOptions {
    @Option(names = "--max-memory", paramLabel = "BYTES", converter = CountConverter.class,
            description = "Memory the server may hold for all its peers at once: unfinished frames and, on a selector,"
                    + " unsent replies. A frame that would go over it, or a client that stopped reading while it is"
                    + " spent, is disconnected with one line on stderr (default: 64 MiB, or a quarter of the heap if"
                    + " that is less: 16 MiB under -Xmx64m; never more than a quarter of the heap).")
    Integer maxMemory;

    /**
     * The budget these options name; 0 is bad usage of {@code spec}'s command. More than a quarter of the heap
     * is cut to that, with one line on stderr: peers could otherwise fill the heap the server itself needs.
     */
    public MemoryBudget budget(CommandSpec spec) {
        if (maxMemory == null) {
            return new MemoryBudget(MemoryBudget.serverDefault());
        }
        if (maxMemory < 1) {
            throw new ParameterException(spec.commandLine(), "--max-memory must be at least 1 byte, not " + maxMemory);
        }
        long share = MemoryBudget.heapShare();
        if (maxMemory > share) {
            System.err.println("--max-memory " + maxMemory + " is more than this heap holds for peers (a quarter of "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB): holding at most " + share
                    + " bytes (a larger -Xmx allows more)");
            return new MemoryBudget(share);
        }
        return new MemoryBudget(maxMemory);
    }
}
