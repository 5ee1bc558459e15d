package sockets.binary.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sockets.binary.cli.Main;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.Mutants;

/**
 * Proof that {@code grade time-server} grades: chapter 03's server and the Python reference pass, and
 * each one-line mutant fails the check that should catch it (Python cases skipped without python3).
 */
class GradeTimeServerTest {
    private static final Path REFERENCE = Path.of("../docs/assignments/03-time/time_server.py").toAbsolutePath().normalize();

    private static ChapterProcess.Result grade(Path report, List<String> program) throws Exception {
        List<String> args = new ArrayList<>(List.of("grade", "time-server", "--read-timeout-s", "2", "--report", report.toString(),
                "--"));
        args.addAll(program);
        return ChapterProcess.run(Main.class, args.toArray(String[]::new));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void chapterThreesOwnTimeServerPassesEveryCheck(@TempDir Path folder) throws Exception {
        ChapterProcess.Result result = grade(folder.resolve("r.xml"), List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "time-server", "--port", "{port}"));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void thePythonReferencePassesEveryCheck(@TempDir Path folder) throws Exception {
        Mutants.assumePython();
        ChapterProcess.Result result = grade(folder.resolve("r.xml"), List.of("python3", REFERENCE.toString(), "--port", "{port}"));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    }

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of("sends little-endian", "struct.pack(\"!I\", seconds)", "struct.pack(\"<I\", seconds)",
                        "the 4 bytes are this machine's time"),
                Arguments.of("counts from 1970", "(int(time.time()) + SECONDS_1900_TO_1970)", "(int(time.time()))",
                        "the 4 bytes are this machine's time"),
                Arguments.of("sends 8 bytes", "struct.pack(\"!I\", seconds)", "struct.pack(\"!Q\", seconds)",
                        "speaks first: 4 bytes without being asked, then end of stream"),
                Arguments.of("never closes", "conn.shutdown(socket.SHUT_WR)", "threading.Event().wait()",
                        "speaks first: 4 bytes without being asked, then end of stream"));
    }

    @ParameterizedTest(name = "a mutant that {0} fails \"{3}\"")
    @MethodSource("mutants")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aBrokenServerFailsTheCheckThatShouldCatchIt(String what, String line, String replacement, String check,
                                                    @TempDir Path folder) throws Exception {
        Mutants.assumePython();
        Path mutant = Mutants.mutant(REFERENCE, line, replacement, folder);
        Path report = folder.resolve("r.xml");
        Mutants.assertCaught(grade(report, List.of("python3", mutant.toString(), "--port", "{port}")), check, report);
    }
}
