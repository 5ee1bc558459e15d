package sockets.ipc.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import sockets.common.CountConverter;

/** {@code --file} and {@code --capacity}: the ring both {@code shm-produce} and {@code shm-consume} map. */
final class RingOptions {
    @Option(names = "--file", required = true, description = "The file both processes map.")
    Path file;

    @Option(names = "--capacity", defaultValue = "65536", converter = CountConverter.class,
            description = "Ring size in bytes, a power of two, the same on both sides (default: ${DEFAULT-VALUE}).")
    int capacity;
}
