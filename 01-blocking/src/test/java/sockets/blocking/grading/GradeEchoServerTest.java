package sockets.blocking.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;
import sockets.blocking.cli.Main;
import sockets.common.testing.ChapterProcess;
import sockets.common.testing.GraderContract;

/**
 * Proof that {@code grade echo-server} grades: chapter 01's own server, run as a separate process, passes;
 * the Python reference in docs/assignments passes; and each deliberately broken copy of it (a mutant,
 * made from the reference by changing one line) fails, with the check that should catch it named.
 * The Python cases need {@code python3} on the PATH, and are skipped, saying so, without it.
 */
class GradeEchoServerTest extends GraderContract {
    GradeEchoServerTest() {
        super(Main.class, List.of("grade", "echo-server", "--clients", "20"),
                List.of("echo-server", "--port", "{port}"),
                "../docs/assignments/01-echo/echo_server.py");
    }

    @Override
    protected List<String> starters() {
        return List.of("../docs/assignments/01-echo/starter.py", "../docs/assignments/01-echo/Starter.java");
    }

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of("serves one client at a time",
                        "threading.Thread(target=serve, args=(conn, peer), daemon=True).start()", "serve(conn, peer)",
                        "serves 20 clients at once"),
                Arguments.of("never half-closes",
                        "conn.shutdown(socket.SHUT_WR)", "threading.Event().wait()  # mutant: never done",
                        "after the client half-closes, echoes the rest, then ends the stream"),
                Arguments.of("ignores SIGTERM",
                        "signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))", "signal.signal(signal.SIGTERM, signal.SIG_IGN)",
                        "stops within 5 s of SIGTERM"),
                Arguments.of("dies when a client resets",
                        "print(f\"peer {peer[0]}:{peer[1]}: {e}\", file=sys.stderr, flush=True)",
                        "__import__('os')._exit(1)  # mutant: one client's fault ends the server",
                        "a client vanishing mid-stream disturbs no other"),
                Arguments.of("echoes only the first 1,000 bytes of a read",
                        "conn.sendall(data)", "conn.sendall(data[:1000])", "echoes every byte it receives"),
                Arguments.of("prints something else first",
                        "print(f\"listening on {host}:{port}\", flush=True)", "print(f\"ready on {port}\", flush=True)",
                        "starts and prints 'listening on HOST:PORT' first"));
    }

    @Test
    void theReportIsJUnitXmlWithOneCasePerCheckAndTheTotalIsPrinted(@TempDir Path folder)
            throws Exception {
        Path report = folder.resolve("report.xml");
        ChapterProcess.Result result = grade(report, ourCommand());
        assertTrue(result.stdout().contains("total 14/14 points; 8 passed, 0 failed"),
                result.stdout());
        String xml = Files.readString(report);
        assertTrue(xml.contains("tests=\"8\" failures=\"0\""), xml);
    }

    @Test
    void anUnknownTargetIsBadUsage() throws Exception {
        ChapterProcess.run(Main.class, "grade", "time-server", "--", "true")
                .assertOneLineFailure(2, "'time-server' is not a command of this chapter to grade");
    }

    /**
     * A submission folder holding the temporary folder (grade run from /tmp, say) would be copied into
     * itself by the sandbox: bad usage, said in one line before anything starts, not a student's 0 points.
     */
    @Test
    void aSubmissionFolderHoldingTheTemporaryFolderIsBadUsage() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(sockets.common.grading.Sandbox.choose(true,
                sockets.common.grading.Sandbox.Limits.DEFAULT, Path.of("."), List.of(), java.util.Map.of()).sandboxed(),
                "only bubblewrap's sandbox copies the submission (elsewhere nothing is copied, and nothing refused)");
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
        ChapterProcess.run(Main.class, "grade", "echo-server", "--submission", tmp.toString(), "--", "true")
                .assertOneLineFailure(2, "the submission folder " + tmp + " holds the temporary folder");
    }

    /**
     * {@code --only} runs the chosen checks (the start always runs): the others are listed as not chosen,
     * worth nothing and failing nothing, the total says it is not a grade, and the XML marks them skipped.
     * A program broken elsewhere passes what was chosen; a text in no check's name is bad usage.
     */
    @Test
    void onlyRunsTheChosenChecksAndSaysItIsNotAGrade(@TempDir Path folder) throws Exception {
        sockets.common.testing.Mutants.assumePython();
        Path report = folder.resolve("report.xml");
        // Serves one client at a time: fails the concurrency check, passes the half-close one.
        Path mutant = sockets.common.testing.Mutants.mutant(referencePath(),
                "threading.Thread(target=serve, args=(conn, peer), daemon=True).start()", "serve(conn, peer)", folder);
        List<String> only = new java.util.ArrayList<>(grade());
        only.addAll(List.of("--only", "HALF-CLOSES"));
        ChapterProcess.Result result = grade(only, report, python(mutant, List.of("--port", "{port}")));
        assertEquals(0, result.exitCode(), result.stdout() + result.stderr());
        assertTrue(result.stdout().contains("PASS  2/2  after the client half-closes"), result.stdout());
        assertTrue(result.stdout().contains("SKIP  0/3  serves 20 clients at once: not run: --only chose other checks"),
                result.stdout());
        assertTrue(result.stdout().contains("SKIP  0/1  stops within 5 s of SIGTERM"), result.stdout());
        assertTrue(result.stdout().contains("total 3/14 points; 2 passed, 0 failed, 6 not chosen (--only): not a grade"),
                result.stdout());
        assertTrue(result.stdout().contains("result: every chosen check passed"), result.stdout());
        String xml = Files.readString(report);
        assertTrue(xml.contains("tests=\"8\" failures=\"0\" errors=\"0\" skipped=\"6\""), xml);
        assertEquals(6, xml.split("<skipped ", -1).length - 1, xml);

        ChapterProcess.run(Main.class, "grade", "echo-server", "--only", "juggles", "--", "true")
                .assertOneLineFailure(2, "--only 'juggles' is in no check's name; the checks: ");
    }
}
