package sockets.blocking.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import sockets.blocking.cli.Main;
import sockets.common.testing.ChapterProcess;

/**
 * What the grader does with a program that never gets as far as the checks: silent, gone at once,
 * talking too much, or a client that never ends. Each gets one clear line, in bounded time, and is
 * never left running. The programs are POSIX tools ({@code sleep}, {@code false}, {@code yes}). The cases run
 * beside each other (each waits on processes), apart from every other class.
 */
@EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "the programs graded here are POSIX tools: sleep, false, yes")
@org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
class GraderEdgeCasesTest {

    private static ChapterProcess.Result grade(String target, String... program) throws Exception {
        String[] args = new String[5 + program.length];
        System.arraycopy(new String[] {"grade", target, "--timeout-s", "1", "--"}, 0, args, 0, 5);
        System.arraycopy(program, 0, args, 5, program.length);
        return ChapterProcess.run(Main.class, args);
    }

    private static void assertFailsStarting(ChapterProcess.Result result, String why) {
        assertEquals(1, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().lines().anyMatch(l -> l.startsWith("FAIL  0/1  starts and prints") && l.contains(why)),
                result.stdout());
        assertTrue(result.stdout().contains("result: a required check failed"), result.stdout());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aServerThatPrintsNothingFailsWithinTheBound() throws Exception {
        long start = System.nanoTime();
        assertFailsStarting(grade("echo-server", "sleep", "29.25"), "printed no line within 1 s");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "bounded by --timeout-s, not 15 s");
        assertNoneLeft("29.25");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aServerThatExitsAtOnceIsSaidToHaveExited() throws Exception {
        assertFailsStarting(grade("echo-server", "false"), "your program exited with code 1 before printing");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aServerThatFloodsItsOutputIsToldWhatItPrintedFirst() throws Exception {
        assertFailsStarting(grade("echo-server", "yes", "flood"),
                "the program's first stdout line must be 'listening on HOST:PORT', was: flood");
        assertNoneLeft("flood");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aClientThatNeverEndsFailsEveryCheckInBoundedTimeAndIsKilled() throws Exception {
        ChapterProcess.Result result = grade("echo-client", "sh", "-c", "sleep 28.75", "sh"); // the words go to sh
        assertEquals(1, result.exitCode(), result.stdout() + result.stderr());
        assertEquals(5, result.stdout().lines().filter(l -> l.startsWith("FAIL") && l.contains("stopped at its bound (1 s")).count(),
                result.stdout());
        assertNoneLeft("28.75");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aClientIsGradedByRunningItNotByPort() throws Exception {
        ChapterProcess.run(Main.class, "grade", "echo-client", "--port", "7007")
                .assertOneLineFailure(2, "a client is graded by running it");
    }

    /** No process the grader started, told apart by its unusual argument, is still running. */
    private static void assertNoneLeft(String argument) {
        assumeTrue(ProcessHandle.current().info().command().isPresent(), "this OS does not show processes' command lines");
        long left = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> a.length > 0 && a[a.length - 1].equals(argument)).orElse(false))
                .filter(ProcessHandle::isAlive)
                .count();
        assertEquals(0, left, "processes still running with argument " + argument);
    }
}
