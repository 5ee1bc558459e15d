package sockets.ipc.grading;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import sockets.common.testing.GraderContract;
import sockets.ipc.cli.Main;

/**
 * Proof that {@code grade uds-echo-server} grades: chapter 07's server and the Python reference pass over a
 * Unix domain socket; mutants that leave the socket file behind, leave it open to every user, or serve one
 * client at a time each fail the check that should catch them.
 */
class GradeUdsEchoServerTest extends GraderContract {
    GradeUdsEchoServerTest() {
        super(Main.class, List.of("grade", "uds-echo-server", "--clients", "20"),
                List.of("uds-echo-server", "--path", "{path}"),
                "../docs/assignments/07-uds/uds_echo_server.py");
    }

    @Override
    protected List<String> referenceArgs() {
        return List.of("--path", "{path}");
    }

    @Override
    protected List<String> starters() {
        return List.of("../docs/assignments/07-uds/starter.py", "../docs/assignments/07-uds/Starter.java");
    }

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of("leaves its socket file behind", "os.unlink(args.path)  # a clean shutdown leaves no file behind",
                        "pass  # mutant", "removes its socket file on SIGTERM"),
                Arguments.of("leaves the file open to every user", "os.chmod(args.path, 0o600)", "pass  # mutant",
                        "its socket file is owner-only"),
                Arguments.of("serves one client at a time",
                        "threading.Thread(target=serve, args=(conn,), daemon=True).start()", "serve(conn)",
                        "serves 20 clients at once"));
    }
}
