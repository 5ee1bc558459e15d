package sockets.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs benchmarks once, briefly, in the test JVM, so that a benchmark that breaks fails the build. It
 * measures nothing: a chapter's figures come from a full run of its benchmark command.
 */
public final class JmhSmoke {
    private JmhSmoke() {
    }

    /** Runs every benchmark method of {@code benchmarks} for every parameter; checks the count and that each ran. */
    public static void runOnce(int expectedCases, Class<?>... benchmarks) throws RunnerException {
        runOnce(expectedCases, java.util.Map.of(), benchmarks);
    }

    /** As above, with some parameters given other values than their defaults (a case run only on request). */
    public static void runOnce(int expectedCases, java.util.Map<String, String[]> params, Class<?>... benchmarks)
            throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .shouldFailOnError(true);
        for (Class<?> benchmark : benchmarks) {
            options.include(benchmark.getName());
        }
        params.forEach(options::param);
        Collection<RunResult> results = new Runner(options.build()).run();
        assertEquals(expectedCases, results.size(), "benchmark cases run");
        for (RunResult result : results) {
            assertTrue(result.getPrimaryResult().getScore() > 0, result.getParams().toString());
        }
    }
}
