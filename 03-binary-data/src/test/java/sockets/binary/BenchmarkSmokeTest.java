package sockets.binary;

import org.junit.jupiter.api.Test;
import sockets.common.testing.JmhSmoke;

/** Runs every benchmark of this chapter once, briefly, in this JVM, so none can rot. It measures nothing. */
class BenchmarkSmokeTest {

    @Test
    void everyBenchmarkRunsOnceAndEveryVariantAgreesWithTheOthers() throws Exception {
        JmhSmoke.runOnce(10 * 2 + 4 * 3, ByteOrderBenchmark.class, VarintBenchmark.class);
    }
}
