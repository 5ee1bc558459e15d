package sockets.select.grading;

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
import sockets.select.cli.Main;

/**
 * Proof that {@code grade select-echo-server} grades: chapter 05's selector server and the Python
 * {@code selectors} reference pass; one-line mutants fail the check that should catch them.
 */
class GradeSelectEchoServerTest {
    private static final Path REFERENCE = Path.of("../docs/assignments/05-select/select_echo_server.py").toAbsolutePath().normalize();

    private static ChapterProcess.Result grade(Path report, List<String> program) throws Exception {
        List<String> args = new ArrayList<>(List.of("grade", "select-echo-server", "--clients", "200",
                "--read-timeout-s", "2", "--report", report.toString(), "--"));
        args.addAll(program);
        return ChapterProcess.run(Main.class, args.toArray(String[]::new));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void chapterFivesSelectorServerPassesEveryCheck(@TempDir Path folder) throws Exception {
        ChapterProcess.Result result = grade(folder.resolve("r.xml"), List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "select-echo-server", "--port", "{port}"));
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
                Arguments.of("writes blocking, in the loop",
                        "sent = conn.sock.send(conn.pending)  # may send less than asked",
                        "conn.sock.setblocking(True); conn.sock.sendall(conn.pending); sent = len(conn.pending)",
                        "a client that sends and never reads does not stall the others"),
                Arguments.of("drops what a short send left",
                        "del conn.pending[:sent]", "del conn.pending[:]", "echoes"),
                Arguments.of("lets one connection's error end the loop",
                        "            except OSError:\n                selector.unregister(conn.sock)",
                        "            except ValueError:\n                selector.unregister(conn.sock)",
                        "a client vanishing mid-stream disturbs no other"));
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
