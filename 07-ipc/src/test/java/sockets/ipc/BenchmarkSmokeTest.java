package sockets.ipc;

import org.junit.jupiter.api.Test;
import sockets.blocking.JmhSmoke;

/**
 * Runs every case of the IPC benchmarks once, briefly, in this JVM, each with its peer process, so they cannot
 * rot. It measures nothing. ({@code tcp-ns} is {@code tcp} to another address; LocalhostShortcutTest covers it.)
 */
class BenchmarkSmokeTest {

    @Test
    void everyTransportRunsAtEverySizeAndPlacement() throws Exception {
        JmhSmoke.runOnce(5 * 2 * 2 + 5 * 3, RoundTripBenchmark.class, ThroughputBenchmark.class);
    }
}
