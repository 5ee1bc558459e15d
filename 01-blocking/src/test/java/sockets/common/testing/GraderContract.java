package sockets.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proof that a chapter's {@code grade TARGET} grades: the chapter's own server or client, started as a
 * separate process, passes; the Python reference in docs/assignments passes; and each mutant of the reference
 * (one line changed, listed by the subclass's static {@code mutants()}: what it does, the line, its
 * replacement, the check that must catch it) fails that check. The Python cases are skipped, saying so,
 * without {@code python3}. The cases run three at a time (the parent pom's parallelism), beside the
 * chapter's other tests: each spends most of its time waiting on the processes it grades. That makes the
 * machine busy for the tests beside them, which hold on a busy machine (no verdict rests on this machine's
 * speed; {@code .ci/busy} runs the whole suite beside busy loops).
 */
@org.junit.jupiter.api.parallel.Execution(ExecutionMode.CONCURRENT)
public abstract class GraderContract {

    private final Class<?> main;
    private final List<String> grade;
    private final List<String> ourProgram;
    private final String reference;

    /**
     * @param main       the chapter's entry class
     * @param grade      {@code grade TARGET} and the target's options, before {@code --report}
     * @param ourProgram the chapter's own command, after its Main: {@code echo-server --port {port}}
     * @param reference  the Python reference, relative to the module: {@code ../docs/assignments/01-echo/echo_server.py}
     */
    protected GraderContract(Class<?> main, List<String> grade, List<String> ourProgram, String reference) {
        this.main = main;
        this.grade = List.copyOf(grade);
        this.ourProgram = List.copyOf(ourProgram);
        this.reference = reference;
    }

    protected final Class<?> main() {
        return main;
    }

    protected final List<String> grade() {
        return grade;
    }

    /** The reference's arguments: {@code --port {port}} and whatever the target needs. */
    protected List<String> referenceArgs() {
        return List.of("--port", "{port}");
    }

    /**
     * The starters handed to students beside the reference, relative to the module ({@code starter.py} and
     * {@code Starter.java}), or none for a target that has none. They take the reference's arguments.
     */
    protected List<String> starters() {
        return List.of();
    }

    protected final Path referencePath() {
        return Path.of(reference).toAbsolutePath().normalize();
    }

    /**
     * Runs {@code grade} on {@code program} as a separate process, as an instructor would (the grader's own
     * read timeout); the report goes to {@code report}. For a program that should pass: it never waits a read
     * timeout out, so the default costs nothing, and on a busy machine a client started in a new JVM has the
     * time a real grading gives it.
     */
    protected final ChapterProcess.Result grade(Path report, List<String> program) throws Exception {
        return grade(grade(), report, program);
    }

    /** The same with other {@code grade} arguments: another framing, say. */
    protected final ChapterProcess.Result grade(List<String> gradeArgs, Path report, List<String> program)
            throws Exception {
        return grade(gradeArgs, 0, report, program);
    }

    /**
     * For a program that should fail: the read timeout is 2 s, since each failing check may wait one out.
     * A busy machine can only make more checks fail, never the caught one pass.
     */
    protected final ChapterProcess.Result gradeToFail(List<String> gradeArgs, Path report, List<String> program)
            throws Exception {
        return grade(gradeArgs, 2, report, program);
    }

    /** {@code readTimeoutS} 0: the grader's default. */
    private ChapterProcess.Result grade(List<String> gradeArgs, int readTimeoutS, Path report, List<String> program)
            throws Exception {
        List<String> args = new ArrayList<>(gradeArgs);
        if (readTimeoutS > 0) {
            args.addAll(List.of("--read-timeout-s", String.valueOf(readTimeoutS)));
        }
        args.addAll(List.of("--report", report.toString()));
        args.addAll(sandboxArgs(report.getParent()));
        args.add("--");
        args.addAll(program);
        if (readTimeoutS == 0 || PRIVATE_NETWORK.isEmpty()) {
            return ChapterProcess.run(main(), args.toArray(String[]::new));
        }
        // A mutant or a starter: the test puts the grader in its private network itself, as the grader's outer
        // JVM would (PrivateNetwork.enter), and saves that JVM's start, about half a CPU-second a run. The passing
        // runs above (readTimeoutS 0) and GraderHoldsTest keep the grader's own way in.
        try (ChapterProcess p = ChapterProcess.start(PRIVATE_NETWORK.get(), List.of(),
                java.util.Map.of(sockets.common.grading.PrivateNetwork.INSIDE, "1"), main(), null,
                args.toArray(String[]::new))) {
            return p.awaitExit();
        }
    }

    /** bubblewrap's words for a new network namespace, when it can make one here. */
    private static final java.util.Optional<List<String>> PRIVATE_NETWORK = sockets.common.grading.PrivateNetwork.prefix();

    /**
     * The sandbox options a test grades with: {@code folder} (the test's own, holding any mutant) as the
     * submission. The class path's folders and jars need no option: the command names them, so the sandbox
     * lets the program read them wherever they are (a clone under /tmp, a Maven repository in a home).
     */
    public static List<String> sandboxArgs(Path folder) {
        return List.of("--submission", folder.toString());
    }

    /** Our own server or client, on this test's class path, as the program to grade. */
    protected final List<String> ourCommand() {
        return ourCommand(ourProgram);
    }

    /** The chapter's Main with {@code args}, on this test's class path, as the program to grade. */
    protected final List<String> ourCommand(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ChapterProcess.SHORT_LIVED);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main().getName()));
        command.addAll(args);
        return command;
    }

    /** {@code python3 script} with {@code args}. */
    protected static List<String> python(Path script, List<String> args) {
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(args);
        return command;
    }

    private List<String> python(Path script) {
        return python(script, referenceArgs());
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theChaptersOwnProgramPassesEveryCheck(@TempDir Path folder) throws Exception {
        ChapterProcess.Result result = grade(folder.resolve("report.xml"), ourCommand());
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        // Its command line is long (two class paths): the grader must still find it to enter its private network.
        if (PRIVATE_NETWORK.isPresent()) {
            assertFalse(result.stdout().contains("network not private"), result.stdout());
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void thePythonReferencePassesEveryCheck(@TempDir Path folder) throws Exception {
        Mutants.assumePython();
        ChapterProcess.Result result = grade(folder.resolve("report.xml"), python(referencePath()));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    }

    /**
     * Each starter, graded as a student would first run it: it starts, prints its line, and stops on
     * SIGTERM (those checks pass), and the protocol is left to write (a required check fails).
     */
    @Test
    @Execution(ExecutionMode.CONCURRENT)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void eachStarterStartsAndStopsAndLeavesTheProtocolToWrite(@TempDir Path folder) throws Exception {
        List<java.util.concurrent.Future<String>> graded = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            int n = 0;
            for (String starter : starters()) {
                Path file = Path.of(starter).toAbsolutePath().normalize();
                List<String> command;
                if (starter.endsWith(".py")) {
                    Mutants.assumePython();
                    command = python(file, referenceArgs());
                } else {
                    command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            file.toString()));
                    command.addAll(referenceArgs());
                }
                Path report = folder.resolve("starter-" + n++ + ".xml");
                List<String> gradeArgs = new ArrayList<>(grade);
                gradeArgs.addAll(List.of("--only", "SIGTERM", "--only", protocolCheck()));
                // The starters are graded at once: each spends its run waiting on read timeouts.
                graded.add(pool.submit(() -> {
                    // A starter answers nothing: every protocol check waits out the read timeout, so 1 s, not 2.
                    ChapterProcess.Result result = grade(gradeArgs, 1, report, command);
                    assertEquals(1, result.exitCode(), starter + ":\n" + result.stdout() + result.stderr());
                    assertTrue(result.stdout().contains("PASS  1/1  starts and prints"), starter + ":\n" + result.stdout());
                    assertTrue(result.stdout().contains("PASS  1/1  stops within 5 s of SIGTERM"),
                            starter + ":\n" + result.stdout());
                    return starter;
                }));
            }
            for (var one : graded) {
                try {
                    one.get(110, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof AssertionError failed) {
                        throw failed;
                    }
                    throw e;
                }
            }
        }
    }

    /**
     * One check of the protocol, for a starter to fail (the first a mutant is caught by, past the start and
     * the stop): the starter's other protocol checks would only wait out the same read timeout.
     */
    private String protocolCheck() throws Exception {
        java.lang.reflect.Method mutants = getClass().getDeclaredMethod("mutants");
        mutants.setAccessible(true);
        try (java.util.stream.Stream<?> all = (java.util.stream.Stream<?>) mutants.invoke(null)) {
            return all.map(a -> String.valueOf(((org.junit.jupiter.params.provider.Arguments) a).get()[3]))
                    .filter(check -> !check.startsWith("starts and prints") && !check.contains("SIGTERM"))
                    .findFirst().orElseThrow();
        }
    }

    @ParameterizedTest(name = "a mutant that {0} fails \"{3}\"")
    @MethodSource("mutants")
    @Execution(ExecutionMode.CONCURRENT)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aBrokenProgramFailsTheCheckThatShouldCatchIt(String what, String line, String replacement, String check,
                                                    @TempDir Path folder) throws Exception {
        Mutants.assumePython();
        Path mutant = Mutants.mutant(referencePath(), line, replacement, folder);
        Path report = folder.resolve("report.xml");
        // Only the check that should catch it runs (with the start, and the stop when that is the one): the
        // proof is that this check fails, and the others' time is saved.
        List<String> onlyThat = new ArrayList<>(grade());
        onlyThat.addAll(List.of("--only", check));
        Mutants.assertCaught(gradeToFail(onlyThat, report, python(mutant)), check, report);
    }
}
