package sockets.shutdown.cli;

import java.time.Duration;
import picocli.CommandLine.Option;
import sockets.common.CountConverter;

/** {@code --interval-ms} and {@code --missed}, the same on both ends of a heartbeat. */
final class HeartbeatOptions {
    @Option(names = "--interval-ms", defaultValue = "1000", converter = CountConverter.class,
            description = "Heartbeat interval (default: ${DEFAULT-VALUE}).")
    int intervalMs;

    @Option(names = "--missed", defaultValue = "3", converter = CountConverter.class,
            description = "Intervals of silence before the peer is declared dead (default: ${DEFAULT-VALUE}).")
    int missed;

    Duration interval() {
        return Duration.ofMillis(Math.max(1, intervalMs));
    }

    int missed() {
        return Math.max(1, missed);
    }
}
