package sockets.framing;

import org.junit.jupiter.api.Test;
import sockets.common.testing.JmhSmoke;

/**
 * Runs every benchmark of this chapter once, briefly and in this JVM, so that a change that breaks one
 * fails the build. It measures nothing: the figures in the README come from a full run (see there).
 */
class BenchmarkSmokeTest {

    @Test
    void everyDecodeBenchmarkRunsAndDecodesEveryMessage() throws Exception {
        JmhSmoke.runOnce(4, DecodeBenchmark.class);
    }
}
