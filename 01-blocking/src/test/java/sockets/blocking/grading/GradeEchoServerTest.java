package sockets.blocking.grading;

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
}
