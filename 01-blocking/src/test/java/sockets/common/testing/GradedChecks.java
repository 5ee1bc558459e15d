package sockets.common.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import sockets.common.grading.Check;
import sockets.common.grading.Connector;
import sockets.common.grading.Grader;
import sockets.common.grading.Target;

/**
 * A target's checks as JUnit tests, one dynamic test per check, each run as {@code grade} runs it (on its own
 * thread, bounded by {@link #BOUND_MS}, its connections closed at the bound): the contracts list no check by
 * hand, so a check the grader runs for their target cannot be missing from them. (A {@code @Timeout} on the
 * test factory would bound only the factory's call, not these tests: the bound is this one.) The check's name
 * is the test's display name in an IDE, and it leads every failure's message.
 */
public final class GradedChecks {
    /** What one check may take here: a bound for a hang (a check waits at most its read timeouts). */
    public static final long BOUND_MS = 30_000;
    /** The seed for values a check draws afresh each run: fixed here, so a failure repeats. */
    static final long SEED = 862;

    private GradedChecks() {
    }

    /**
     * The checks {@code grade} makes for the server {@code target} listening at {@code address}, each against
     * the server {@code connector} reaches, with the read timeout the tests use.
     */
    public static Stream<DynamicTest> asTests(Target target, SocketAddress address, Connector connector) {
        Target.Given given = new Target.Given(target.reach(), address, null, () -> SEED, TestSockets.TIMEOUT_MS);
        return asTests(target.checks().apply(given), connector);
    }

    /** Each of {@code checks}, against the server {@code connector} reaches, named as the grader names it. */
    public static Stream<DynamicTest> asTests(List<Check> checks, Connector connector) {
        return checks.stream().map(check -> DynamicTest.dynamicTest(check.name(), () -> {
            Grader.Outcome outcome = Grader.runOne(check, connector, BOUND_MS);
            assertTrue(outcome.passed(), check.name() + ": " + outcome.detail());
        }));
    }
}
