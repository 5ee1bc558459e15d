package sockets.shutdown.grading;

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
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.Mutants;
import sockets.shutdown.cli.Main;

/**
 * Proof that {@code grade digest-server} grades: chapter 04's server and the Python reference pass; one-line
 * mutants fail the check that should catch them (Python cases skipped without python3).
 */
class GradeDigestServerTest {
    private static final Path REFERENCE = Path.of("../docs/assignments/04-digest/digest_server.py").toAbsolutePath().normalize();

    private static ChapterProcess.Result grade(Path report, List<String> program) throws Exception {
        List<String> args = new ArrayList<>(List.of("grade", "digest-server", "--max-request", "100000",
                "--read-timeout-s", "2", "--report", report.toString(), "--"));
        args.addAll(program);
        args.addAll(List.of("--max-request", "100000", "--port", "{port}"));
        return ChapterProcess.run(Main.class, args.toArray(String[]::new));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void chapterFoursDigestServerPassesEveryCheck(@TempDir Path folder) throws Exception {
        ChapterProcess.Result result = grade(folder.resolve("r.xml"), List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "digest-server"));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void thePythonReferencePassesEveryCheck(@TempDir Path folder) throws Exception {
        Mutants.assumePython();
        ChapterProcess.Result result = grade(folder.resolve("r.xml"), List.of("python3", REFERENCE.toString()));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    }

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of("replies after the first read", "while True:", "for _ in range(1):",
                        "says nothing before the half-close"),
                Arguments.of("digests with MD5", "hashlib.sha256()", "hashlib.md5()",
                        "replies '<count> <sha256>' once the client half-closes"),
                Arguments.of("counts reads, not bytes", "count += len(data)", "count += 1",
                        "replies '<count> <sha256>' once the client half-closes"),
                Arguments.of("never checks the limit", "if count > max_request:", "if False:",
                        "gets an 'error:' line"));
    }

    @ParameterizedTest(name = "a mutant that {0} fails \"{3}\"")
    @MethodSource("mutants")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aBrokenServerFailsTheCheckThatShouldCatchIt(String what, String line, String replacement, String check,
                                                    @TempDir Path folder) throws Exception {
        Mutants.assumePython();
        Path mutant = Mutants.mutant(REFERENCE, line, replacement, folder);
        Path report = folder.resolve("r.xml");
        Mutants.assertCaught(grade(report, List.of("python3", mutant.toString())), check, report);
    }
}
