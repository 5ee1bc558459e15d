package sockets.framing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of this chapter once, briefly and in this JVM, so that a change that breaks one
 * fails the build. It measures nothing: the figures in the README come from a full run (see there).
 */
class BenchmarkSmokeTest {

    @Test
    void everyDecodeBenchmarkRunsAndDecodesEveryMessage() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(DecodeBenchmark.class.getName())
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .build()).run();
        assertEquals(4, results.size(), "ours and Netty's, for length and for line");
        for (RunResult result : results) {
            assertTrue(result.getPrimaryResult().getScore() > 0, result.getParams().getBenchmark());
        }
    }
}
