package sockets.select.grading;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.provider.Arguments;
import sockets.common.testing.GraderContract;
import sockets.common.testing.Mutants;
import sockets.select.cli.Main;

/**
 * Proof that {@code grade select-echo-server} grades: chapter 05's selector server and the Python
 * {@code selectors} reference pass; one-line mutants fail the check that should catch them.
 */
class GradeSelectEchoServerTest extends GraderContract {
    GradeSelectEchoServerTest() {
        super(Main.class, List.of("grade", "select-echo-server", "--clients", "200"),
                List.of("select-echo-server", "--port", "{port}"),
                "../docs/assignments/05-select/select_echo_server.py");
    }

    @Override
    protected List<String> starters() {
        return List.of("../docs/assignments/05-select/starter.py", "../docs/assignments/05-select/Starter.java");
    }

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of("writes blocking, in the loop",
                        "sent = conn.sock.send(conn.pending)  # may send less than asked",
                        "conn.sock.setblocking(True); conn.sock.sendall(conn.pending); sent = len(conn.pending)",
                        "a client that sends and never reads does not stall the others"),
                Arguments.of("drops what a short send left",
                        "del conn.pending[:sent]", "del conn.pending[:]", "gets every byte back once it reads"),
                Arguments.of("lets one connection's error end the loop",
                        "            except OSError:\n                selector.unregister(conn.sock)",
                        "            except ValueError:\n                selector.unregister(conn.sock)",
                        "a client vanishing mid-stream disturbs no other"));
    }

    /**
     * The fault that once passed 5 runs in 5 (autotuned loopback buffers left no send short): caught every
     * run now, because the client that never reads sends far past those buffers before it reads.
     */
    @RepeatedTest(10)
    @Execution(ExecutionMode.CONCURRENT)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aServerThatDropsTheUnsentRestOfAShortSendFailsEveryRun(@TempDir Path folder) throws Exception {
        Mutants.assumePython();
        Path mutant = Mutants.mutant(referencePath(), "del conn.pending[:sent]", "del conn.pending[:]", folder);
        Path report = folder.resolve("report.xml");
        String check = "gets every byte back once it reads";
        List<String> onlyThat = new java.util.ArrayList<>(grade());
        onlyThat.addAll(List.of("--only", check));
        Mutants.assertCaught(gradeToFail(onlyThat, report, python(mutant, referenceArgs())), check, report);
    }
}
