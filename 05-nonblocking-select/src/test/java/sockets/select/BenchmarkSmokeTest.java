package sockets.select;

import org.junit.jupiter.api.Test;
import sockets.common.testing.JmhSmoke;

/** Runs every case of the echo benchmark once, briefly, in this JVM, so it cannot rot. It measures nothing. */
class BenchmarkSmokeTest {

    @Test
    void everyServerDesignRunsAtEveryConnectionCount() throws Exception {
        JmhSmoke.runOnce(5 * 3, EchoBenchmark.class);
    }

    /** The server run only with {@code -p server=selectorFrames} (chapter 05's bench page): it runs too. */
    @Test
    void theFramedSelectorRunsAtEveryConnectionCount() throws Exception {
        JmhSmoke.runOnce(3, java.util.Map.of("server", new String[] {"selectorFrames"}), EchoBenchmark.class);
    }
}
