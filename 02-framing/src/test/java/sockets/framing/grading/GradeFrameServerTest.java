package sockets.framing.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.Mutants;
import sockets.framing.cli.Main;

/**
 * Proof that {@code grade frame-server} grades: chapter 02's own server passes for every framing; the
 * Python reference passes for length, line and netstring; and each one-line mutant of it fails the check
 * that should catch it. The Python cases are skipped, saying so, without {@code python3}.
 */
class GradeFrameServerTest {
    private static final Path REFERENCE = Path.of("../docs/assignments/02-framing/frame_server.py").toAbsolutePath().normalize();

    private static ChapterProcess.Result grade(String framing, Path report, List<String> program) throws Exception {
        List<String> args = new ArrayList<>(List.of("grade", "frame-server", "--framing", framing, "--read-timeout-s", "2", "--report",
                report.toString(), "--"));
        args.addAll(program);
        return ChapterProcess.run(Main.class, args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "--framing {0}")
    @ValueSource(strings = {"fixed:8", "line", "length", "ascii", "netstring", "typed"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void chapterTwosOwnFrameServerPassesEveryCheck(String framing, @TempDir Path folder) throws Exception {
        ChapterProcess.Result result = grade(framing, folder.resolve("r.xml"), List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "frame-server", "--framing", framing,
                "--port", "{port}"));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains(" 0 failed"), result.stdout());
    }

    @ParameterizedTest(name = "--framing {0}")
    @ValueSource(strings = {"line", "length", "netstring"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void thePythonReferencePassesEveryCheck(String framing, @TempDir Path folder) throws Exception {
        Mutants.assumePython();
        ChapterProcess.Result result = grade(framing, folder.resolve("r.xml"),
                List.of("python3", REFERENCE.toString(), "--framing", framing, "--port", "{port}"));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
    }

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of("drops the leftover of a read",
                        "buffer = buffer[4 + length:]  # keep the rest: it is the start of the next frame",
                        "buffer = b\"\"  # mutant: the rest of the read is dropped",
                        "answers every message of a write that carried three"),
                Arguments.of("takes one read as one message",
                        "found, buffer = frames(buffer + data, framing, max_frame)",
                        "found, buffer = [len(data[4:]).to_bytes(4, \"big\") + data[4:]], b\"\""
                                + "  # mutant: each read is one whole frame, its payload after 4 header bytes",
                        "a stream written one byte at a time still gives whole messages"),
                Arguments.of("reads the length in the wrong byte order",
                        "int.from_bytes(buffer[:4], \"big\")", "int.from_bytes(buffer[:4], \"little\")",
                        "echoes 100 messages, each framed the same way"),
                Arguments.of("never checks the limit (it would allocate what the header declares)",
                        "if length > max_frame:", "if False:  # mutant: no limit",
                        "a frame over the limit"),
                Arguments.of("serves one client at a time",
                        "threading.Thread(target=serve, args=(conn, peer, args.framing, max_frame), daemon=True).start()",
                        "serve(conn, peer, args.framing, max_frame)",
                        "and the others are served"));
    }

    @ParameterizedTest(name = "a mutant that {0} fails \"{3}\"")
    @MethodSource("mutants")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aBrokenServerFailsTheCheckThatShouldCatchIt(String what, String line, String replacement, String check,
                                                    @TempDir Path folder) throws Exception {
        Mutants.assumePython();
        Path mutant = Mutants.mutant(REFERENCE, line, replacement, folder);
        Path report = folder.resolve("r.xml");
        Mutants.assertCaught(grade("length", report, List.of("python3", mutant.toString(), "--framing", "length",
                "--port", "{port}")), check, report);
    }
}
