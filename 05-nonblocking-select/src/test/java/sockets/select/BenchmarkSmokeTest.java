package sockets.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs every case of the echo benchmark once, briefly, in this JVM, so it cannot rot. It measures nothing. */
class BenchmarkSmokeTest {

    @Test
    void everyServerDesignRunsAtEveryConnectionCount() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(EchoBenchmark.class.getName())
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .build()).run();
        assertEquals(5 * 3, results.size(), "five designs at three connection counts");
        for (RunResult result : results) {
            assertTrue(result.getPrimaryResult().getScore() > 0, result.getParams().toString());
        }
    }
}
