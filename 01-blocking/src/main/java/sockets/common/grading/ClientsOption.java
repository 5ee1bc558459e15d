package sockets.common.grading;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import sockets.common.CountConverter;

/** {@code --clients N}: how many clients at once a target's concurrency check opens. */
public final class ClientsOption {
    @Option(names = "--clients", paramLabel = "N", converter = CountConverter.class,
            description = "Clients at once in the concurrency check (default: the target's, 100 or 1000).")
    Integer clients;

    /** The number given, or {@code fallback}; 0 is bad usage of {@code spec}'s command. */
    public int clients(CommandSpec spec, int fallback) {
        if (clients != null && clients < 1) {
            throw new ParameterException(spec.commandLine(), "--clients must be at least 1");
        }
        return clients == null ? fallback : clients;
    }
}
