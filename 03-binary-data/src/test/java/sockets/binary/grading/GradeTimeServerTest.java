package sockets.binary.grading;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import sockets.binary.cli.Main;
import sockets.common.testing.GraderContract;

/**
 * Proof that {@code grade time-server} grades: chapter 03's server and the Python reference pass, and
 * each one-line mutant fails the check that should catch it (Python cases skipped without python3).
 */
class GradeTimeServerTest extends GraderContract {
    GradeTimeServerTest() {
        super(Main.class, List.of("grade", "time-server"),
                List.of("time-server", "--port", "{port}"),
                "../docs/assignments/03-time/time_server.py");
    }

    @Override
    protected List<String> starters() {
        return List.of("../docs/assignments/03-time/starter.py", "../docs/assignments/03-time/Starter.java");
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
}
