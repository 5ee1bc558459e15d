package sockets.ipc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.JmhSmoke;

/**
 * Runs every case of the IPC benchmarks once, briefly, in this JVM, each with its peer process, so they cannot
 * rot. It measures nothing. ({@code tcp-ns} is {@code tcp} to another address; LocalhostShortcutTest covers it.)
 */
class BenchmarkSmokeTest {

    @Test
    void everyTransportRunsAtEverySizeAndPlacement() throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        assumeTrue(cpus >= 2, "the benchmark pins its two processes to CPUs 0 and 1; this machine has " + cpus);
        assumeTrue(ChapterProcess.onPath("taskset"), "the benchmark pins its processes to CPUs with taskset (util-linux),"
                + " which is not on the PATH (macOS has none: CPU pinning is Linux's)");
        JmhSmoke.runOnce(5 * 2 * 2 + 5 * 3, RoundTripBenchmark.class, ThroughputBenchmark.class);
    }
}
