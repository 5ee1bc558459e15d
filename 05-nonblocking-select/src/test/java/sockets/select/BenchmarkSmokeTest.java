package sockets.select;

import org.junit.jupiter.api.Test;
import sockets.common.testing.JmhSmoke;

/** Runs every case of the echo benchmark once, briefly, in this JVM, so it cannot rot. It measures nothing. */
class BenchmarkSmokeTest {

    @Test
    void everyServerDesignRunsAtEveryConnectionCount() throws Exception {
        JmhSmoke.runOnce(5 * 3, EchoBenchmark.class);
    }
}
