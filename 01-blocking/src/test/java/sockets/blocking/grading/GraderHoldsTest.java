package sockets.blocking.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import sockets.blocking.cli.Main;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.GraderContract;
import sockets.common.testing.Mutants;

/**
 * Proof that the grader holds against the program it grades: programs written to misbehave
 * ({@code hostile.py}, one mode each) are graded as separate processes, and afterwards nothing of theirs is
 * running, the run took no longer than its bounds, the grade and the report are what the checks found, and
 * the program saw none of the grader's environment or files. Containment needs a PID namespace, so Linux
 * only; each case skips, saying so, without {@code python3}. The cases run beside each other.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "containment rests on Linux PID namespaces (bubblewrap or unshare);"
        + " elsewhere the grader stops only the processes it can see, and says so")
@Execution(ExecutionMode.CONCURRENT)
class GraderHoldsTest {

    /** The hostile program, copied into the test's own folder: its path tells its processes apart. */
    private static Path hostile(Path folder) throws IOException {
        Mutants.assumePython();
        try (InputStream in = GraderHoldsTest.class.getResourceAsStream("/sockets/common/grading/hostile.py")) {
            Path copy = folder.resolve("hostile.py");
            Files.copy(in, copy);
            return copy;
        }
    }

    private static List<String> args(Path folder, String target, List<String> options, String... program) {
        List<String> args = new ArrayList<>(List.of("grade", target, "--read-timeout-s", "2"));
        args.addAll(options);
        args.addAll(GraderContract.sandboxArgs(folder));
        args.add("--");
        args.addAll(List.of(program));
        return args;
    }

    private static ChapterProcess.Result grade(Path folder, String target, List<String> options, String... program)
            throws Exception {
        return ChapterProcess.run(Main.class, args(folder, target, options, program).toArray(String[]::new));
    }

    /** The same, the grader's JVM started behind {@code prefix} ({@code env NAME=VALUE}) with {@code jvmOptions}. */
    private static ChapterProcess.Result grade(List<String> prefix, List<String> jvmOptions, Path folder,
                                               List<String> options, String... program) throws Exception {
        try (ChapterProcess grader = ChapterProcess.start(prefix, jvmOptions, Main.class, null,
                args(folder, "echo-server", options, program).toArray(String[]::new))) {
            return grader.awaitExit();
        }
    }

    /** No process whose command line names {@code folder} (where the hostile program lives) is left. */
    private static void assertNothingLeft(Path folder) {
        String marker = folder.toString();
        List<String> left = ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker) && !c.contains("grade")).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .toList();
        assertEquals(List.of(), left, "processes of the graded program still running after grading");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fork-ignoring", "double-fork"})
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aProcessThatIgnoresSigtermCostsThePointAndDoesNotOutliveGrading(String shape, @TempDir Path folder)
            throws Exception {
        Path program = hostile(folder);
        ChapterProcess.Result result = grade(folder, "echo-server", List.of("--clients", "5"), "python3",
                program.toString(), shape, "{port}");
        assertTrue(result.stdout().lines().anyMatch(l -> l.startsWith("FAIL  0/1  stops within 5 s of SIGTERM")
                && l.contains("ignores or blocks SIGTERM")), result.stdout());
        assertNothingLeft(folder);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aWrapperWithoutExecIsStoppedWithItsChild(@TempDir Path folder) throws Exception {
        Path program = hostile(folder);
        ChapterProcess.Result result = grade(folder, "echo-server", List.of("--clients", "5"), "sh", "-c",
                "python3 " + program + " serve {port}; true");
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertNothingLeft(folder);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aChildThatRewritesTheReportLaterCannotForgeIt(@TempDir Path folder) throws Exception {
        Path program = hostile(folder);
        Path report = folder.resolve("report.xml");
        ChapterProcess.Result result = grade(folder, "echo-server", List.of("--clients", "5", "--report", report.toString()),
                "python3", program.toString(), "rewrite-report", "{port}", report.toString());
        assertEquals(1, result.exitCode(), result.stdout());
        assertNothingLeft(folder); // nothing is left that could write it later
        Document xml = parse(report);
        assertTrue(Integer.parseInt(xml.getDocumentElement().getAttribute("failures")) > 0, Files.readString(report));
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aClientsChildrenAreStoppedWithEachRun(@TempDir Path folder) throws Exception {
        Path program = hostile(folder);
        ChapterProcess.Result result = grade(folder, "echo-client", List.of(), "python3", program.toString(),
                "client-child", "{port}");
        assertEquals(1, result.exitCode(), result.stdout());
        assertNothingLeft(folder);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void sigtermToTheGraderMidCheckStopsTheProgramToo(@TempDir Path folder) throws Exception {
        Path program = hostile(folder);
        try (ChapterProcess grader = ChapterProcess.start(Main.class, args(folder, "echo-server", List.of(),
                "python3", program.toString(), "trickle", "{port}").toArray(String[]::new))) {
            String line = grader.awaitFirstLine();
            if (line.startsWith("sandbox off")) { // without bubblewrap, what holds the program instead comes first
                line = grader.awaitFirstLine();
            }
            assertTrue(line.startsWith("grading "), line);
            grader.terminate();
            grader.awaitExit();
        }
        assertNothingLeft(folder);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aTricklingServerIsFailedAtTheBoundsAndTheRunEndsInTime(@TempDir Path folder) throws Exception {
        Path program = hostile(folder);
        long start = System.nanoTime();
        ChapterProcess.Result result = grade(folder, "echo-server", List.of("--timeout-s", "2", "--max-time-s", "6"), "python3", program.toString(), "trickle", "{port}");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertEquals(1, result.exitCode(), result.stdout());
        assertTrue(result.stdout().contains("stopped at its bound (2 s"), result.stdout());
        assertTrue(result.stdout().contains("not run: the whole run's bound (--max-time-s 6) ran out"), result.stdout());
        // 6 s of checks, the start and the stop (5 s at most), the JVM: a bound for a hang, not a speed.
        assertTrue(seconds < 45, "the run took " + seconds + " s: its bounds did not hold");
        assertNothingLeft(folder);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aServerThatFloodsAfterTheHalfCloseCostsTheGraderNoMemory(@TempDir Path folder) throws Exception {
        Path program = hostile(folder);
        ChapterProcess.Result result = grade(List.of(), List.of("-Xmx128m"), folder, List.of("--only", "half-closes"),
                "python3", program.toString(), "flood", "{port}");
        assertEquals(1, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("it kept sending bytes nobody sent"), result.stdout());
        assertFalse(result.stderr().contains("OutOfMemoryError"), result.stderr());
        assertNothingLeft(folder);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void escapeSequencesAndForbiddenCharactersReachNeitherTheScreenNorTheXmlRaw(@TempDir Path folder) throws Exception {
        Path program = hostile(folder);
        Path report = folder.resolve("report.xml");
        ChapterProcess.Result result = grade(folder, "echo-server", List.of("--only", "every byte", "--report", report.toString()),
                "python3", program.toString(), "escapes", "{port}");
        assertEquals(1, result.exitCode(), result.stdout());
        assertTrue(result.stdout().chars().noneMatch(c -> (c < 0x20 && c != '\n') || c == 0x7f || c == 0xfffe
                || c == 0xffff), "a control character of the program's reached the screen: " + result.stdout());
        assertEquals(1, result.stdout().lines().filter(l -> l.startsWith("result:")).count(), result.stdout());
        assertTrue(result.stdout().contains("result: a required check failed"), result.stdout());
        assertTrue(result.stdout().contains("\\e[31mred"), "shown escaped, not dropped: " + result.stdout());
        Document xml = parse(report); // U+FFFE, U+FFFF and NUL on its stderr: still valid XML
        assertTrue(xml.getDocumentElement().getTextContent().contains("\\uFFFE"));
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aProgramThatNamesAnotherServersPortFailsSayingSo(@TempDir Path folder) throws Exception {
        Path program = hostile(folder);
        try (ServerSocket someoneElse = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Without the sandbox: in it, the private network holds no other server to borrow.
            ChapterProcess.Result result = grade(folder, "echo-server", List.of("--no-sandbox"), "python3",
                    program.toString(), "borrow", "{port}", String.valueOf(someoneElse.getLocalPort()));
            assertEquals(1, result.exitCode(), result.stdout());
            assertTrue(result.stdout().contains("is not your program's"), result.stdout());
            assertTrue(result.stdout().contains("total 0/14 points"), "the same total as any run: " + result.stdout());
        }
        assertNothingLeft(folder);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aProgramThatDiesIsSaidToBeDeadWithItsLastWords(@TempDir Path folder) throws Exception {
        Path program = hostile(folder);
        ChapterProcess.Result result = grade(folder, "echo-server", List.of(), "python3", program.toString(),
                "crash-first", "{port}");
        assertEquals(1, result.exitCode(), result.stdout());
        assertTrue(result.stdout().contains("your program exited with code 3 during the check \"echoes every byte it"
                + " receives\"; its stderr ends: boom: the handler raised KeyError"), result.stdout());
        assertTrue(result.stdout().contains("not run: your program exited with code 3"), result.stdout());
        assertTrue(result.stdout().contains("total 1/14 points"), result.stdout());
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void theSandboxedProgramSeesNoneOfTheGradersEnvironmentAndWritesNothingOutsideItsCopy(@TempDir Path folder)
            throws Exception {
        Path program = hostile(folder);
        assumeSandbox(folder);
        Path report = folder.resolve("report.xml");
        Path outside = folder.resolveSibling(folder.getFileName() + "-outside.txt"); // beside the submission
        Path inCopy = folder.resolve("in-copy.txt");
        ChapterProcess.Result result = grade(List.of("env", "GRADER_SECRET=do-not-show"), List.of(), folder,
                List.of("--only", "every byte", "--report", report.toString()), "python3", program.toString(), "snoop", "{port}",
                report.toString(), outside.toString(), inCopy.toString(),
                Path.of(System.getProperty("user.home"), "grader-test-write").toString());
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        String seen = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(seen.contains("TZ=UTC"), seen);
        assertFalse(seen.contains("do-not-show"), "the grader's environment reached the program: " + seen);
        assertTrue(seen.contains("wrote " + inCopy), "its own copy of the submission is writable: " + seen);
        assertFalse(Files.exists(outside), "a file written by the program appeared outside its copy");
        assertFalse(Files.exists(inCopy), "the copy is the program's, not the submission itself");
        assertFalse(Files.exists(Path.of(System.getProperty("user.home"), "grader-test-write")));
        parse(report);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aProgramNamedOutsideTheSubmissionRunsAndWhatIsBesideItStaysHidden(@TempDir Path folder) throws Exception {
        Path tools = Files.createDirectories(folder.resolve("instructor-tools")); // under /tmp: hidden in a sandbox
        Path program = hostile(tools);
        Path beside = Files.writeString(tools.resolve("answers.txt"), "not for the program\n");
        Path submission = Files.createDirectories(folder.resolve("student"));
        assumeSandbox(submission);
        Path report = folder.resolve("report.xml");
        ChapterProcess.Result result = grade(submission, "echo-server",
                List.of("--only", "every byte", "--report", report.toString()), "python3", program.toString(), "peek", "{port}",
                beside.getFileName().toString()); // the program finds it beside itself: the command does not name it
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        String seen = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(seen.contains("could not read " + beside), "a file the command does not name was readable: " + seen);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void theSandboxedProgramHasAPrivateLoopbackAndNoOtherNetwork(@TempDir Path folder) throws Exception {
        Path program = hostile(folder);
        assumeSandbox(folder);
        Path report = folder.resolve("report.xml");
        try (ServerSocket outside = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ChapterProcess.Result result = grade(folder, "echo-server",
                    List.of("--only", "every byte", "--report", report.toString()), "python3", program.toString(), "reach",
                    "{port}", "127.0.0.1", String.valueOf(outside.getLocalPort()));
            assertEquals(0, result.exitCode(), "the checks reach the program on the private loopback: "
                    + result.stdout() + result.stderr());
            String seen = Files.readString(report, StandardCharsets.UTF_8);
            assertTrue(seen.contains("interfaces: lo\n") || seen.contains("interfaces: lo&#10;"),
                    "an interface besides loopback: " + seen);
            assertTrue(seen.contains("could not connect to 127.0.0.1:" + outside.getLocalPort()),
                    "the program reached a server on this machine's own loopback: " + seen);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hog-cpu --max-cpu-s 1|CPU time limit (--max-cpu-s 1)",
            "hog-memory --max-memory-mb 64|memory limit (--max-memory-mb 64)"})
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aProgramThatReachesALimitIsToldWhichInOneLine(String shape, @TempDir Path folder) throws Exception {
        Path program = hostile(folder);
        assumeSandbox(folder);
        String[] parts = shape.split("\\|");
        String[] modeAndOption = parts[0].split(" ");
        ChapterProcess.Result result = grade(folder, "echo-server", List.of("--clients", "5", modeAndOption[1],
                modeAndOption[2]), "python3", program.toString(), modeAndOption[0], "{port}");
        assertEquals(1, result.exitCode(), result.stdout());
        assertTrue(result.stdout().lines().anyMatch(l -> l.startsWith("FAIL  0/1  starts and prints")
                && l.endsWith("; it reached its " + parts[1])), result.stdout());
        assertNothingLeft(folder);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aServerBoundToEveryAddressIsGradedThroughLoopback(@TempDir Path folder) throws Exception {
        ChapterProcess.Result result = grade(folder, "echo-server", List.of("--clients", "5"),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "echo-server", "--host", "0.0.0.0",
                "--port", "{port}");
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("grading 01-blocking echo-server at 127.0.0.1:"), result.stdout());
    }

    @Test
    void leavingOutTheDashesSaysSo() throws Exception {
        ChapterProcess.run(Main.class, "grade", "echo-server", "python3", "server.py", "--port", "{port}")
                .assertOneLineFailure(2, "-- is missing");
    }

    private static void assumeSandbox(Path folder) throws Exception {
        ChapterProcess.Result probe = grade(folder, "echo-server", List.of("--clients", "1", "--timeout-s", "1"), "true");
        assumeTrue(!probe.stdout().contains("sandbox off"), "no sandbox here (bubblewrap missing or unable to make"
                + " namespaces): " + probe.stdout().lines().findFirst().orElse(""));
    }

    private static Document parse(Path report) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
    }
}
