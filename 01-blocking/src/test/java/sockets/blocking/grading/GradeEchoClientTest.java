package sockets.blocking.grading;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import sockets.blocking.cli.Main;
import sockets.common.testing.GraderContract;

/**
 * Proof that {@code grade echo-client} grades a client: chapter 01's own client and the Python reference
 * pass, and each one-line mutant fails the check that should catch it (Python cases skipped without python3).
 */
class GradeEchoClientTest extends GraderContract {
    GradeEchoClientTest() {
        super(Main.class, List.of("grade", "echo-client"),
                List.of("echo-client", "--port", "{port}"),
                "../docs/assignments/01-echo/echo_client.py");
    }

    static Stream<Arguments> mutants() {
        return Stream.of(
                Arguments.of("takes one read for the whole echo", "echo += data", "return data",
                        "prints the whole echo when it arrives one byte at a time"),
                Arguments.of("prints whatever comes back", "if echo != message:", "if False:",
                        "exits non-zero when the echo differs"),
                Arguments.of("lets a refused connection out as a traceback", "except OSError as e:",
                        "except ValueError as e:", "exits 1 with one line on stderr when nothing listens"));
    }
}
