package sockets.binary.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sockets.binary.SizeTable;
import sockets.common.CountConverter;

/** {@code sizes}: the ASCII against binary against varint size table, from real encodings. */
@Command(name = "sizes", mixinStandardHelpOptions = true,
        description = "Encodes the same values as decimal text (\"N,\"), fixed 32- and 64-bit binary, and varints,"
                + " for three distributions, and prints the average bytes per value.")
final class SizesCommand implements Callable<Integer> {
    @Option(names = "--count", defaultValue = "100000", converter = CountConverter.class,
            description = "Values per distribution (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--seed", defaultValue = "868", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, not " + count);
        }
        System.out.print(SizeTable.format(SizeTable.measure(count, seed)));
        return 0;
    }
}
