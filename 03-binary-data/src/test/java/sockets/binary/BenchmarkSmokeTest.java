package sockets.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs every benchmark of this chapter once, briefly, in this JVM, so none can rot. It measures nothing. */
class BenchmarkSmokeTest {

    @Test
    void everyBenchmarkRunsOnceAndEveryVariantAgreesWithTheOthers() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(ByteOrderBenchmark.class.getName())
                .include(VarintBenchmark.class.getName())
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .shouldFailOnError(true)
                .build()).run();
        assertEquals(10 * 2 + 4 * 3, results.size(), "every method for every parameter");
        for (RunResult result : results) {
            assertTrue(result.getPrimaryResult().getScore() > 0, result.getParams().getBenchmark());
        }
    }
}
